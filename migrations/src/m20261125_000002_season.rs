//! The season around the contest day: organisers belong to a unit, units
//! are invited to register their teams, contests feed a parent contest,
//! teams carry their model, origin and withdrawal, members their details.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    UnitId,
}

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
    ParentId,
}

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
    ParentId,
    RegistrationDeadline,
    OrgUnitId,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    ModelKind,
    ModelSummary,
    OriginContestId,
    OriginTeamId,
    OriginAward,
    WithdrawnAt,
    WithdrawnReason,
    UnitId,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Role,
    BirthYear,
    Gender,
    Ethnicity,
    JobTitle,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    ContestId,
    UnitId,
    Token,
    Status,
    Entry,
    Reason,
    TeamId,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    DecidedAt,
    DecidedBy,
}

/// One column added to a table. SQLite takes one change per ALTER TABLE.
async fn add(m: &SchemaManager<'_>, table: impl IntoIden, col: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(col).to_owned()).await
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
        // Added columns carry no foreign keys (SQLite cannot add them to an
        // existing table); the services keep them pointing at real rows.
        add(m, Users::Table, integer_null(Users::UnitId)).await?;
        add(m, Contests::Table, integer_null(Contests::ParentId)).await?;
        add(m, Contests::Table, big_integer_null(Contests::RegistrationDeadline)).await?;
        add(m, Teams::Table, string_null(Teams::ModelKind)).await?;
        add(m, Teams::Table, text_null(Teams::ModelSummary)).await?;
        add(m, Teams::Table, integer_null(Teams::OriginContestId)).await?;
        add(m, Teams::Table, integer_null(Teams::OriginTeamId)).await?;
        add(m, Teams::Table, string_null(Teams::OriginAward)).await?;
        add(m, Teams::Table, big_integer_null(Teams::WithdrawnAt)).await?;
        add(m, Teams::Table, text_null(Teams::WithdrawnReason)).await?;
        add(m, Teams::Table, integer_null(Teams::UnitId)).await?;
        add(m, Members::Table, integer_null(Members::BirthYear)).await?;
        add(m, Members::Table, string_null(Members::Gender)).await?;
        add(m, Members::Table, string_null(Members::Ethnicity)).await?;
        add(m, Members::Table, string_null(Members::JobTitle)).await?;

        // The contract names roles captain, main, reserve, support.
        for (old, new) in [("member", "main"), ("supporter", "support")] {
            m.exec_stmt(
                Query::update()
                    .table(Members::Table)
                    .value(Members::Role, new)
                    .and_where(Expr::col(Members::Role).eq(old))
                    .to_owned(),
            )
            .await?;
        }

        m.create_index(index("idx_org_units_parent", OrgUnits::Table, vec![OrgUnits::ParentId.into_iden()], false))
            .await?;
        m.create_index(index("idx_contests_parent", Contests::Table, vec![Contests::ParentId.into_iden()], false))
            .await?;
        m.create_index(index("idx_contests_unit", Contests::Table, vec![Contests::OrgUnitId.into_iden()], false))
            .await?;
        m.create_index(index("idx_teams_origin", Teams::Table, vec![Teams::OriginTeamId.into_iden()], false)).await?;

        m.create_table(
            Table::create()
                .table(Invitations::Table)
                .col(pk_auto(Invitations::Id))
                .col(integer(Invitations::ContestId))
                .col(integer(Invitations::UnitId))
                .col(string_uniq(Invitations::Token))
                .col(string(Invitations::Status))
                .col(text_null(Invitations::Entry))
                .col(text_null(Invitations::Reason))
                .col(integer_null(Invitations::TeamId))
                .col(big_integer(Invitations::CreatedAt))
                .col(big_integer(Invitations::UpdatedAt))
                .col(big_integer_null(Invitations::SubmittedAt))
                .col(big_integer_null(Invitations::DecidedAt))
                .col(integer_null(Invitations::DecidedBy))
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::ContestId)
                        .to(Contests::Table, Contests::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::UnitId)
                        .to(OrgUnits::Table, OrgUnits::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::TeamId)
                        .to(Teams::Table, Teams::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        // One invitation per unit and contest: inviting again finds it.
        m.create_index(index(
            "uq_invitations_contest_unit",
            Invitations::Table,
            vec![Invitations::ContestId.into_iden(), Invitations::UnitId.into_iden()],
            true,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Invitations::Table).to_owned()).await?;
        for (name, table) in [
            ("idx_org_units_parent", OrgUnits::Table.into_iden()),
            ("idx_contests_parent", Contests::Table.into_iden()),
            ("idx_contests_unit", Contests::Table.into_iden()),
            ("idx_teams_origin", Teams::Table.into_iden()),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        for (table, col) in [
            (Users::Table.into_iden(), Users::UnitId.into_iden()),
            (Contests::Table.into_iden(), Contests::ParentId.into_iden()),
            (Contests::Table.into_iden(), Contests::RegistrationDeadline.into_iden()),
            (Teams::Table.into_iden(), Teams::ModelKind.into_iden()),
            (Teams::Table.into_iden(), Teams::ModelSummary.into_iden()),
            (Teams::Table.into_iden(), Teams::OriginContestId.into_iden()),
            (Teams::Table.into_iden(), Teams::OriginTeamId.into_iden()),
            (Teams::Table.into_iden(), Teams::OriginAward.into_iden()),
            (Teams::Table.into_iden(), Teams::WithdrawnAt.into_iden()),
            (Teams::Table.into_iden(), Teams::WithdrawnReason.into_iden()),
            (Teams::Table.into_iden(), Teams::UnitId.into_iden()),
            (Members::Table.into_iden(), Members::BirthYear.into_iden()),
            (Members::Table.into_iden(), Members::Gender.into_iden()),
            (Members::Table.into_iden(), Members::Ethnicity.into_iden()),
            (Members::Table.into_iden(), Members::JobTitle.into_iden()),
        ] {
            m.alter_table(Table::alter().table(table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
