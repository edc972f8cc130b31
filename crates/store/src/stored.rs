//! The domain's stored types (ids, roles, platforms, note and activity kinds) through the `MultiConnection`
//! backend: each is text on both databases (see `rapport_domain`'s `diesel` feature), and these
//! impls hand the value to whichever backend the connection is.

use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use rapport_domain::activity::ActivityKind;
use rapport_domain::analytics::StatsSource;
use rapport_domain::api_keys::ApiKeyScope;
use rapport_domain::connections::ConnectionInviteStatus;
use rapport_domain::messages::Side;
use rapport_domain::notes::NoteKind;
use rapport_domain::notifications::NotificationKind;
use rapport_domain::profiles::Platform;
use rapport_domain::teams::Role;

use crate::db::{MultiBackend, MultiRawValue};

macro_rules! text_through_multi_backend {
    ($($ty:ty),* $(,)?) => {
        $(
            impl ToSql<Text, MultiBackend> for $ty {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
                    out.set_value((Text, self));
                    Ok(IsNull::No)
                }
            }

            impl FromSql<Text, MultiBackend> for $ty {
                fn from_sql(bytes: MultiRawValue<'_>) -> deserialize::Result<Self> {
                    bytes.from_sql::<Self, Text>()
                }
            }
        )*
    };
}

rapport_domain::for_each_id!(text_through_multi_backend);
text_through_multi_backend!(
    Role,
    Platform,
    NoteKind,
    ActivityKind,
    ConnectionInviteStatus,
    NotificationKind,
    Side,
    StatsSource,
    ApiKeyScope
);
