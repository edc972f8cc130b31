//! A consistent copy of a SQLite database while the server uses it (`rapport backup`).

use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;
use diesel::RunQueryDsl;

/// Writes a copy of the database `conn` is open on to `target`, a file that must not exist (an
/// empty one is written over; SQLite refuses any other). `VACUUM INTO` reads the whole database
/// in one read transaction: the copy is the database as of one commit, while writers go on (in
/// WAL mode readers and writers do not block each other). The copy is compacted, in rollback
/// journal mode; the server turns WAL back on when it opens it.
pub fn vacuum_into(conn: &mut SqliteConnection, target: &str) -> diesel::QueryResult<()> {
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(target)
        .execute(conn)
        .map(drop)
}
