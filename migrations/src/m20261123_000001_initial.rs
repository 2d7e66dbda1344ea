//! The initial schema: accounts, sessions, contests and their rounds,
//! criteria, teams, members, panel, sheets, quiz marks and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    Role,
    Unit,
    PasswordHash,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    Kind,
    ContestId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum JudgePasses {
    Table,
    Id,
    ContestId,
    UserId,
    TokenHash,
    PinHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
    ParentId,
    Name,
    Kind,
}

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
    Name,
    Level,
    Unit,
    OrgUnitId,
    Year,
    Date,
    Venue,
    Aggregation,
    TieBreakRounds,
    QualifiedFromId,
    CreatedBy,
    Version,
    StageRoundId,
    StageTeamId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
    ContestId,
    Position,
    Name,
    Kind,
    State,
    TimeLimitSeconds,
    OvertimePerMinute,
    OvertimeGraceSeconds,
    Step,
}

#[derive(DeriveIden)]
enum Criteria {
    Table,
    Id,
    RoundId,
    Position,
    Name,
    MaxPoints,
    Step,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    ContestId,
    Name,
    Unit,
    RunningOrder,
    ModelName,
    ModelField,
    Block,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    TeamId,
    Position,
    Name,
    Role,
}

#[derive(DeriveIden)]
enum PanelMembers {
    Table,
    Id,
    ContestId,
    UserId,
    IsChair,
    Counts,
}

#[derive(DeriveIden)]
enum Sheets {
    Table,
    Id,
    ContestId,
    RoundId,
    TeamId,
    JudgeId,
    Total,
    ClientVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SheetScores {
    Table,
    Id,
    SheetId,
    CriterionId,
    Points,
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    RoundId,
    Position,
    Prompt,
    Kind,
    Options,
    Answer,
    Points,
}

#[derive(DeriveIden)]
enum QuizMarks {
    Table,
    Id,
    RoundId,
    TeamId,
    QuestionId,
    Correct,
    MarkedBy,
    MarkedAt,
}

#[derive(DeriveIden)]
enum TeamRoundNotes {
    Table,
    Id,
    RoundId,
    TeamId,
    OvertimeSeconds,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    UserId,
    SessionId,
    ContestId,
    Action,
    ObjectType,
    ObjectId,
    OldValue,
    NewValue,
    Ip,
}

/// A foreign key whose rows go with their parent.
fn fk(from: (impl IntoIden, impl IntoIden), to: impl IntoIden, to_col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to, to_col).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: Vec<DynIden>, unique: bool) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(pk_auto(Users::Id))
                .col(string_uniq(Users::Username))
                .col(string(Users::DisplayName))
                .col(string(Users::Role))
                .col(string_null(Users::Unit))
                .col(string(Users::PasswordHash))
                .col(boolean(Users::Active).default(true))
                .col(big_integer(Users::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(OrgUnits::Table)
                .col(pk_auto(OrgUnits::Id))
                .col(integer_null(OrgUnits::ParentId))
                .col(string(OrgUnits::Name))
                .col(string(OrgUnits::Kind))
                .foreign_key(&mut fk((OrgUnits::Table, OrgUnits::ParentId), OrgUnits::Table, OrgUnits::Id))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Contests::Table)
                .col(pk_auto(Contests::Id))
                .col(string(Contests::Name))
                .col(string(Contests::Level))
                .col(string(Contests::Unit))
                .col(integer_null(Contests::OrgUnitId))
                .col(integer(Contests::Year))
                .col(string_null(Contests::Date))
                .col(string_null(Contests::Venue))
                .col(string(Contests::Aggregation))
                .col(string(Contests::TieBreakRounds).default("[]"))
                .col(integer_null(Contests::QualifiedFromId))
                .col(integer_null(Contests::CreatedBy))
                .col(big_integer(Contests::Version).default(0))
                .col(integer_null(Contests::StageRoundId))
                .col(integer_null(Contests::StageTeamId))
                .col(big_integer(Contests::CreatedAt))
                .col(big_integer(Contests::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Contests::Table, Contests::OrgUnitId)
                        .to(OrgUnits::Table, OrgUnits::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Contests::Table, Contests::QualifiedFromId)
                        .to(Contests::Table, Contests::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Contests::Table, Contests::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(pk_auto(Sessions::Id))
                .col(string_uniq(Sessions::TokenHash))
                .col(integer(Sessions::UserId))
                .col(string(Sessions::Kind))
                .col(integer_null(Sessions::ContestId))
                .col(big_integer(Sessions::CreatedAt))
                .col(big_integer(Sessions::ExpiresAt))
                .col(big_integer(Sessions::LastSeenAt))
                .col(string_null(Sessions::Ip))
                .col(string_null(Sessions::UserAgent))
                .foreign_key(&mut fk((Sessions::Table, Sessions::UserId), Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_sessions_user", Sessions::Table, vec![Sessions::UserId.into_iden()], false)).await?;

        m.create_table(
            Table::create()
                .table(JudgePasses::Table)
                .col(pk_auto(JudgePasses::Id))
                .col(integer(JudgePasses::ContestId))
                .col(integer(JudgePasses::UserId))
                .col(string_uniq(JudgePasses::TokenHash))
                .col(string(JudgePasses::PinHash))
                .col(integer_null(JudgePasses::CreatedBy))
                .col(big_integer(JudgePasses::CreatedAt))
                .col(big_integer(JudgePasses::ExpiresAt))
                .col(big_integer_null(JudgePasses::RevokedAt))
                .foreign_key(&mut fk((JudgePasses::Table, JudgePasses::ContestId), Contests::Table, Contests::Id))
                .foreign_key(&mut fk((JudgePasses::Table, JudgePasses::UserId), Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Rounds::Table)
                .col(pk_auto(Rounds::Id))
                .col(integer(Rounds::ContestId))
                .col(integer(Rounds::Position))
                .col(string(Rounds::Name))
                .col(string(Rounds::Kind))
                .col(string(Rounds::State))
                .col(integer_null(Rounds::TimeLimitSeconds))
                .col(big_integer(Rounds::OvertimePerMinute).default(0))
                .col(integer(Rounds::OvertimeGraceSeconds).default(0))
                .col(big_integer(Rounds::Step).default(0))
                .foreign_key(&mut fk((Rounds::Table, Rounds::ContestId), Contests::Table, Contests::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_rounds_contest", Rounds::Table, vec![Rounds::ContestId.into_iden()], false)).await?;

        m.create_table(
            Table::create()
                .table(Criteria::Table)
                .col(pk_auto(Criteria::Id))
                .col(integer(Criteria::RoundId))
                .col(integer(Criteria::Position))
                .col(string(Criteria::Name))
                .col(big_integer(Criteria::MaxPoints))
                .col(big_integer(Criteria::Step).default(0))
                .foreign_key(&mut fk((Criteria::Table, Criteria::RoundId), Rounds::Table, Rounds::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_criteria_round", Criteria::Table, vec![Criteria::RoundId.into_iden()], false))
            .await?;

        m.create_table(
            Table::create()
                .table(Teams::Table)
                .col(pk_auto(Teams::Id))
                .col(integer(Teams::ContestId))
                .col(string(Teams::Name))
                .col(string(Teams::Unit))
                .col(integer(Teams::RunningOrder))
                .col(string_null(Teams::ModelName))
                .col(string_null(Teams::ModelField))
                .col(string_null(Teams::Block))
                .foreign_key(&mut fk((Teams::Table, Teams::ContestId), Contests::Table, Contests::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_teams_contest_name",
            Teams::Table,
            vec![Teams::ContestId.into_iden(), Teams::Name.into_iden()],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Members::Table)
                .col(pk_auto(Members::Id))
                .col(integer(Members::TeamId))
                .col(integer(Members::Position))
                .col(string(Members::Name))
                .col(string(Members::Role))
                .foreign_key(&mut fk((Members::Table, Members::TeamId), Teams::Table, Teams::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_members_team", Members::Table, vec![Members::TeamId.into_iden()], false)).await?;

        m.create_table(
            Table::create()
                .table(PanelMembers::Table)
                .col(pk_auto(PanelMembers::Id))
                .col(integer(PanelMembers::ContestId))
                .col(integer(PanelMembers::UserId))
                .col(boolean(PanelMembers::IsChair).default(false))
                .col(boolean(PanelMembers::Counts).default(true))
                .foreign_key(&mut fk((PanelMembers::Table, PanelMembers::ContestId), Contests::Table, Contests::Id))
                .foreign_key(&mut fk((PanelMembers::Table, PanelMembers::UserId), Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_panel_contest_user",
            PanelMembers::Table,
            vec![PanelMembers::ContestId.into_iden(), PanelMembers::UserId.into_iden()],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Sheets::Table)
                .col(pk_auto(Sheets::Id))
                .col(integer(Sheets::ContestId))
                .col(integer(Sheets::RoundId))
                .col(integer(Sheets::TeamId))
                .col(integer(Sheets::JudgeId))
                .col(big_integer(Sheets::Total))
                .col(big_integer(Sheets::ClientVersion).default(0))
                .col(big_integer(Sheets::CreatedAt))
                .col(big_integer(Sheets::UpdatedAt))
                .foreign_key(&mut fk((Sheets::Table, Sheets::ContestId), Contests::Table, Contests::Id))
                .foreign_key(&mut fk((Sheets::Table, Sheets::RoundId), Rounds::Table, Rounds::Id))
                .foreign_key(&mut fk((Sheets::Table, Sheets::TeamId), Teams::Table, Teams::Id))
                .foreign_key(&mut fk((Sheets::Table, Sheets::JudgeId), Users::Table, Users::Id))
                .to_owned(),
        )
        .await?;
        // One sheet per judge, team and round: two tablets cannot silently
        // score the same item twice.
        m.create_index(index(
            "uq_sheets_round_team_judge",
            Sheets::Table,
            vec![Sheets::RoundId.into_iden(), Sheets::TeamId.into_iden(), Sheets::JudgeId.into_iden()],
            true,
        ))
        .await?;
        m.create_index(index("idx_sheets_contest", Sheets::Table, vec![Sheets::ContestId.into_iden()], false)).await?;

        m.create_table(
            Table::create()
                .table(SheetScores::Table)
                .col(pk_auto(SheetScores::Id))
                .col(integer(SheetScores::SheetId))
                .col(integer(SheetScores::CriterionId))
                .col(big_integer(SheetScores::Points))
                .foreign_key(&mut fk((SheetScores::Table, SheetScores::SheetId), Sheets::Table, Sheets::Id))
                .foreign_key(&mut fk((SheetScores::Table, SheetScores::CriterionId), Criteria::Table, Criteria::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_sheet_scores_sheet_criterion",
            SheetScores::Table,
            vec![SheetScores::SheetId.into_iden(), SheetScores::CriterionId.into_iden()],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(Questions::Table)
                .col(pk_auto(Questions::Id))
                .col(integer(Questions::RoundId))
                .col(integer(Questions::Position))
                .col(text(Questions::Prompt))
                .col(string(Questions::Kind))
                .col(text(Questions::Options).default("[]"))
                .col(text(Questions::Answer))
                .col(big_integer(Questions::Points))
                .foreign_key(&mut fk((Questions::Table, Questions::RoundId), Rounds::Table, Rounds::Id))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(QuizMarks::Table)
                .col(pk_auto(QuizMarks::Id))
                .col(integer(QuizMarks::RoundId))
                .col(integer(QuizMarks::TeamId))
                .col(integer(QuizMarks::QuestionId))
                .col(boolean(QuizMarks::Correct))
                .col(integer_null(QuizMarks::MarkedBy))
                .col(big_integer(QuizMarks::MarkedAt))
                .foreign_key(&mut fk((QuizMarks::Table, QuizMarks::RoundId), Rounds::Table, Rounds::Id))
                .foreign_key(&mut fk((QuizMarks::Table, QuizMarks::TeamId), Teams::Table, Teams::Id))
                .foreign_key(&mut fk((QuizMarks::Table, QuizMarks::QuestionId), Questions::Table, Questions::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_quiz_marks_question_team",
            QuizMarks::Table,
            vec![QuizMarks::QuestionId.into_iden(), QuizMarks::TeamId.into_iden()],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(TeamRoundNotes::Table)
                .col(pk_auto(TeamRoundNotes::Id))
                .col(integer(TeamRoundNotes::RoundId))
                .col(integer(TeamRoundNotes::TeamId))
                .col(integer(TeamRoundNotes::OvertimeSeconds).default(0))
                .foreign_key(&mut fk((TeamRoundNotes::Table, TeamRoundNotes::RoundId), Rounds::Table, Rounds::Id))
                .foreign_key(&mut fk((TeamRoundNotes::Table, TeamRoundNotes::TeamId), Teams::Table, Teams::Id))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "uq_team_round_notes",
            TeamRoundNotes::Table,
            vec![TeamRoundNotes::RoundId.into_iden(), TeamRoundNotes::TeamId.into_iden()],
            true,
        ))
        .await?;

        // Append-only: rows are inserted, never updated or deleted, and keep
        // no foreign keys so that deleting a contest keeps its history.
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_pk_auto(AuditLog::Id))
                .col(big_integer(AuditLog::At))
                .col(integer_null(AuditLog::UserId))
                .col(integer_null(AuditLog::SessionId))
                .col(integer_null(AuditLog::ContestId))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::ObjectType))
                .col(integer_null(AuditLog::ObjectId))
                .col(text_null(AuditLog::OldValue))
                .col(text_null(AuditLog::NewValue))
                .col(string_null(AuditLog::Ip))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_audit_contest", AuditLog::Table, vec![AuditLog::ContestId.into_iden()], false))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditLog::Table.into_iden(),
            TeamRoundNotes::Table.into_iden(),
            QuizMarks::Table.into_iden(),
            Questions::Table.into_iden(),
            SheetScores::Table.into_iden(),
            Sheets::Table.into_iden(),
            PanelMembers::Table.into_iden(),
            Members::Table.into_iden(),
            Teams::Table.into_iden(),
            Criteria::Table.into_iden(),
            Rounds::Table.into_iden(),
            JudgePasses::Table.into_iden(),
            Sessions::Table.into_iden(),
            Contests::Table.into_iden(),
            OrgUnits::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
