//! How domain values are stored (the `diesel` feature, server only): ids and closed sets of values
//! as text, the same on SQLite and PostgreSQL. The store adds the glue for its `MultiConnection`.

/// A type stored as text: `$to` spells a value (`&Self -> String`), `$from` reads one back
/// (`&str -> deserialize::Result<Self>`).
macro_rules! stored_as_text {
    ($name:ident, $to:expr, $from:expr) => {
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                use std::io::Write;
                let to: fn(&$name) -> String = $to;
                out.write_all(to(self).as_bytes())?;
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                let to: fn(&$name) -> String = $to;
                out.set_value(to(self));
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let from: fn(&str) -> diesel::deserialize::Result<$name> = $from;
                from(&<String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::pg::Pg,
                >>::from_sql(bytes)?)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::sqlite::Sqlite>
            for $name
        {
            fn from_sql(
                bytes: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let from: fn(&str) -> diesel::deserialize::Result<$name> = $from;
                from(&<String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::sqlite::Sqlite,
                >>::from_sql(bytes)?)
            }
        }
    };
}

/// An id newtype as text: the hyphenated lower-case UUID, as every id has always been stored
/// (Lemmy's `DieselNewType`, spelled out because the column is text).
macro_rules! id_as_text {
    ($name:ident) => {
        crate::stored::stored_as_text!($name, |id| id.0.to_string(), |text| Ok($name(
            uuid::Uuid::parse_str(text)?
        )));
    };
}

/// A closed set of values stored as its API spelling (`as_str`/`parse`), e.g. a role.
macro_rules! enum_as_text {
    ($name:ident) => {
        crate::stored::stored_as_text!($name, |value| value.as_str().to_owned(), |text| {
            $name::parse(text)
                .ok_or_else(|| format!("unknown {} {text:?}", stringify!($name)).into())
        });
    };
}

pub(crate) use {enum_as_text, id_as_text, stored_as_text};
