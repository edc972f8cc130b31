//! Recording the activity history.

use rapport_domain::UserId;
use rapport_store::{activity, time, DbConnection};
use serde_json::Value;

use crate::error::ApiResult;

/// Records that `actor` did `kind` to the influencer, with details.
pub fn record(
    conn: &mut DbConnection,
    influencer_id: &str,
    actor: UserId,
    kind: &str,
    data: Value,
) -> ApiResult<()> {
    activity::record(conn, influencer_id, actor, kind, &data, time::now())?;
    Ok(())
}
