//! The register of models: a model (one row, its folded search text
//! beside it), its history of decisions, the team that presents it, and a
//! contest held as a recognition council.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Models {
    Table,
    Id,
    OrgUnitId,
    Year,
    Name,
    Field,
    Kind,
    Owner,
    Summary,
    Details,
    Status,
    RecognisedBy,
    SearchText,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ModelEvents {
    Table,
    Id,
    ModelId,
    Status,
    At,
    ByUser,
    ByName,
    Decision,
    OrgUnitId,
    ContestId,
}

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    ModelId,
}

#[derive(DeriveIden)]
enum Contests {
    Table,
    Purpose,
    RecognitionThreshold,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Models::Table)
                .col(pk_auto(Models::Id))
                .col(integer(Models::OrgUnitId))
                .col(integer(Models::Year))
                .col(text(Models::Name))
                .col(string(Models::Field))
                .col(string(Models::Kind))
                .col(text(Models::Owner))
                .col(text(Models::Summary))
                .col(text(Models::Details).default("{}"))
                .col(string(Models::Status))
                .col(integer_null(Models::RecognisedBy))
                .col(text(Models::SearchText))
                .col(integer_null(Models::CreatedBy))
                .col(big_integer(Models::CreatedAt))
                .col(big_integer(Models::UpdatedAt))
                .foreign_key(
                    ForeignKey::create().from(Models::Table, Models::OrgUnitId).to(OrgUnits::Table, OrgUnits::Id),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_models_year_unit", vec![Models::Year, Models::OrgUnitId]),
            ("ix_models_year_status", vec![Models::Year, Models::Status]),
        ] {
            let mut i = Index::create();
            i.name(name).table(Models::Table);
            for c in cols {
                i.col(c);
            }
            m.create_index(i.to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(ModelEvents::Table)
                .col(pk_auto(ModelEvents::Id))
                .col(integer(ModelEvents::ModelId))
                .col(string(ModelEvents::Status))
                .col(big_integer(ModelEvents::At))
                .col(integer_null(ModelEvents::ByUser))
                .col(text(ModelEvents::ByName))
                .col(text_null(ModelEvents::Decision))
                .col(integer_null(ModelEvents::OrgUnitId))
                .col(integer_null(ModelEvents::ContestId))
                .foreign_key(
                    ForeignKey::create()
                        .from(ModelEvents::Table, ModelEvents::ModelId)
                        .to(Models::Table, Models::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_model_events_model")
                .table(ModelEvents::Table)
                .col(ModelEvents::ModelId)
                .to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(Teams::Table).add_column(integer_null(Teams::ModelId)).to_owned()).await?;
        m.alter_table(Table::alter().table(Contests::Table).add_column(string_null(Contests::Purpose)).to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table(Contests::Table)
                .add_column(big_integer_null(Contests::RecognitionThreshold))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Contests::Table).drop_column(Contests::RecognitionThreshold).to_owned())
            .await?;
        m.alter_table(Table::alter().table(Contests::Table).drop_column(Contests::Purpose).to_owned()).await?;
        m.alter_table(Table::alter().table(Teams::Table).drop_column(Teams::ModelId).to_owned()).await?;
        m.drop_table(Table::drop().table(ModelEvents::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(Models::Table).to_owned()).await
    }
}
