//! The audit log as the organiser reads it.

use serde::{Deserialize, Serialize};

/// One line of the audit log, as the organiser reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// RFC 3339, in Vietnam's time (UTC+7): the hall's clock.
    pub at: String,
    /// Who (user name), or none for the command line.
    pub who: Option<String>,
    /// The session it came from.
    pub session_id: Option<i64>,
    /// What: `sheet.submit`, `sheet.amend`, `round.reopen`…
    pub action: String,
    /// The round concerned, when there is one.
    pub round_id: Option<i64>,
    /// The team concerned, when there is one.
    pub team_id: Option<i64>,
    /// The value before, read with names.
    pub before: Option<crate::audit::AuditValue>,
    /// The value after, read with names.
    pub after: Option<crate::audit::AuditValue>,
}
