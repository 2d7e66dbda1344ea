//! How the domain's words are stored in a column (the `db` feature, for the
//! service crate only: the browser never sees sea-orm).
//!
//! Each stored enum is a text column read back strictly. sea-orm's own
//! `DeriveActiveEnum` and `DeriveValueType` say only "unexpected value for
//! RoundKind"; a person repairing a database needs the table and the row, so
//! the reading side here names both (the row's `id` is in the same result).

/// Implements sea-orm's value traits for an enum with `as_str`/`parse`, stored
/// as text in `table.column`.
macro_rules! stored {
    ($($name:ty => $table:literal . $column:literal),+ $(,)?) => {$(
        impl From<$name> for sea_orm::Value {
            fn from(v: $name) -> Self {
                sea_orm::Value::String(Some(v.as_str().to_owned()))
            }
        }

        impl sea_orm::TryGetable for $name {
            fn try_get_by<I: sea_orm::ColIdx>(res: &sea_orm::QueryResult, idx: I) -> Result<Self, sea_orm::TryGetError> {
                let word = <String as sea_orm::TryGetable>::try_get_by(res, idx)?;
                <$name>::parse(&word).ok_or_else(|| {
                    sea_orm::TryGetError::DbErr(sea_orm::DbErr::Type(crate::stored::corrupt($table, $column, row_of(res, idx.as_str(), $column), &word)))
                })
            }
        }

        impl sea_orm::sea_query::ValueType for $name {
            fn try_from(v: sea_orm::Value) -> Result<Self, sea_orm::sea_query::ValueTypeErr> {
                let word = <String as sea_orm::sea_query::ValueType>::try_from(v)?;
                <$name>::parse(&word).ok_or(sea_orm::sea_query::ValueTypeErr)
            }

            fn type_name() -> String {
                stringify!($name).to_owned()
            }

            fn array_type() -> sea_orm::sea_query::ArrayType {
                sea_orm::sea_query::ArrayType::String
            }

            fn column_type() -> sea_orm::sea_query::ColumnType {
                sea_orm::sea_query::ColumnType::Text
            }
        }

        impl sea_orm::sea_query::Nullable for $name {
            fn null() -> sea_orm::Value {
                sea_orm::Value::String(None)
            }
        }

        impl sea_orm::IntoActiveValue<$name> for $name {
            fn into_active_value(self) -> sea_orm::ActiveValue<$name> {
                sea_orm::ActiveValue::Set(self)
            }
        }
    )+};
}

/// The row's `id`, read from the same result: the column was read as
/// `PREFIXcolumn` (a join names each table's columns with a prefix), so its
/// id is `PREFIXid`. An INTEGER is `i32` on PostgreSQL and `i64` on SQLite.
fn row_of(res: &sea_orm::QueryResult, read_as: Option<&str>, column: &str) -> Option<i64> {
    let prefix = read_as.and_then(|name| name.strip_suffix(column)).unwrap_or("");
    res.try_get::<i32>(prefix, "id").map(i64::from).or_else(|_| res.try_get::<i64>(prefix, "id")).ok()
}

/// The message for a word that is not one of the column's values.
pub fn corrupt(table: &str, column: &str, row: Option<i64>, word: &str) -> String {
    let row = row.map_or_else(|| "?".to_owned(), |id| id.to_string());
    format!("dữ liệu hỏng: bảng {table}, dòng id {row}, cột {column} = “{word}” không phải giá trị hợp lệ")
}

use crate::contest::{Level, RoundKind, RoundState};
use crate::paper::SheetSource;
use crate::registration::InvitationStatus;
use crate::scoring::Aggregation;
use crate::show::{QuizPhase, VoteState};
use crate::units::UnitKind;
use crate::user::Role;

stored! {
    Level => "contests"."level",
    Aggregation => "contests"."aggregation",
    RoundKind => "rounds"."kind",
    RoundState => "rounds"."state",
    Role => "users"."role",
    UnitKind => "org_units"."kind",
    InvitationStatus => "invitations"."status",
    SheetSource => "sheets"."source",
    QuizPhase => "shows"."quiz_phase",
    VoteState => "shows"."vote_state",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_table_row_column_and_word() {
        let m = corrupt("rounds", "kind", Some(7), "xyz");
        assert!(
            m.contains("bảng rounds") && m.contains("dòng id 7") && m.contains("cột kind") && m.contains("xyz"),
            "{m}"
        );
        assert!(corrupt("rounds", "kind", None, "").contains("dòng id ?"));
    }
}
