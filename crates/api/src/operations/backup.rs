//! `rapport backup PATH`: a consistent copy of a SQLite database, taken while the server runs
//! (`VACUUM INTO`, see [`rapport_store::backup`]). PostgreSQL has its own tool, `pg_dump`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use rapport_store::{DatabaseUrl, DbConnection};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The database copied.
    pub source: PathBuf,
    /// The copy.
    pub target: PathBuf,
    /// The copy's size in bytes.
    pub bytes: u64,
}

/// Copies the database at `database_url` to `target`, which must not exist: a backup never
/// writes over a file. Blocks for as long as the copy takes (run it off async workers).
pub fn backup(database_url: &str, target: &Path) -> anyhow::Result<Backup> {
    let source = match DatabaseUrl::parse(database_url)? {
        DatabaseUrl::Sqlite(path) => PathBuf::from(path),
        DatabaseUrl::Postgres(_) => bail!(
            "this is a PostgreSQL database: back it up with PostgreSQL's own tool, pg_dump \
             (for instance `pg_dump --format=custom --file=rapport.dump \"$DATABASE_URL\"`, \
             restored with pg_restore); rapport backup copies SQLite databases"
        ),
    };
    if !source.is_file() {
        bail!(
            "there is no database at {} (check DATABASE_URL or --database-url)",
            source.display()
        );
    }
    if target.exists() {
        bail!(
            "{} exists already: a backup never writes over a file (choose a new name, or remove it)",
            target.display()
        );
    }
    let target_text = target
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", target.display()))?;
    let url = DatabaseUrl::Sqlite(source.display().to_string());
    let DbConnection::Sqlite(mut conn) = url.establish()? else {
        bail!("{} did not open as a SQLite database", source.display());
    };
    rapport_store::backup::vacuum_into(&mut conn, target_text)
        .with_context(|| format!("cannot copy the database to {}", target.display()))?;
    drop(conn);
    // SQLite writes the copy without syncing it: it reaches the disk before we say it is done.
    let copy = std::fs::File::open(target)
        .and_then(|file| file.sync_all().map(|()| file))
        .with_context(|| format!("cannot sync {}", target.display()))?;
    let bytes = copy.metadata().map(|meta| meta.len()).unwrap_or_default();
    Ok(Backup {
        source,
        target: target.to_path_buf(),
        bytes,
    })
}
