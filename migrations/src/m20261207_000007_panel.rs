//! The panel as real halls run it: conflicts of interest (xung đột lợi
//! ích), a judge who does not score a team, set by the organisers any time
//! before that judge has scored that team; and the contest's spread
//! warning, the gap between judges' totals at which the chair looks again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conflicts {
    Table,
    Id,
    ContestId,
    JudgeId,
    TeamId,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Contests {
    Table,
    Id,
    DivergencePoints,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn fk(col: Conflicts, to: impl IntoIden, to_col: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(Conflicts::Table, col).to(to, to_col).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Conflicts::Table)
                .col(pk_auto(Conflicts::Id))
                .col(integer(Conflicts::ContestId))
                .col(integer(Conflicts::JudgeId))
                .col(integer(Conflicts::TeamId))
                .col(text_null(Conflicts::Reason))
                .col(big_integer(Conflicts::CreatedAt))
                .foreign_key(&mut fk(Conflicts::ContestId, Contests::Table, Contests::Id))
                .foreign_key(&mut fk(Conflicts::JudgeId, Users::Table, Users::Id))
                .foreign_key(&mut fk(Conflicts::TeamId, Teams::Table, Teams::Id))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter().table(Contests::Table).add_column(big_integer_null(Contests::DivergencePoints)).to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("uq_conflicts_contest_judge_team")
                .table(Conflicts::Table)
                .col(Conflicts::ContestId)
                .col(Conflicts::JudgeId)
                .col(Conflicts::TeamId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Contests::Table).drop_column(Contests::DivergencePoints).to_owned()).await?;
        m.drop_table(Table::drop().table(Conflicts::Table).to_owned()).await
    }
}
