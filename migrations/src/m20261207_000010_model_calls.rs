//! A call for models sent to chosen units by link, the link each unit
//! registers through, and a model's photos (kept in their own table, so the
//! register's queries never read them, and so a backup of the database
//! carries them).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ModelCalls {
    Table,
    Id,
    OrgUnitId,
    Year,
    Title,
    Deadline,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ModelCallUnits {
    Table,
    Id,
    CallId,
    OrgUnitId,
    Token,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ModelPhotos {
    Table,
    Id,
    ModelId,
    Position,
    Image,
    Thumb,
    Width,
    Height,
    OriginalBytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Models {
    Table,
    Id,
    CallUnitId,
}

#[derive(DeriveIden)]
enum OrgUnits {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ModelCalls::Table)
                .col(pk_auto(ModelCalls::Id))
                .col(integer(ModelCalls::OrgUnitId))
                .col(integer(ModelCalls::Year))
                .col(text(ModelCalls::Title))
                .col(big_integer(ModelCalls::Deadline))
                .col(integer_null(ModelCalls::CreatedBy))
                .col(big_integer(ModelCalls::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ModelCalls::Table, ModelCalls::OrgUnitId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ModelCallUnits::Table)
                .col(pk_auto(ModelCallUnits::Id))
                .col(integer(ModelCallUnits::CallId))
                .col(integer(ModelCallUnits::OrgUnitId))
                .col(string_uniq(ModelCallUnits::Token))
                .col(big_integer(ModelCallUnits::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ModelCallUnits::Table, ModelCallUnits::CallId)
                        .to(ModelCalls::Table, ModelCalls::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ModelCallUnits::Table, ModelCallUnits::OrgUnitId)
                        .to(OrgUnits::Table, OrgUnits::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ModelPhotos::Table)
                .col(pk_auto(ModelPhotos::Id))
                .col(integer(ModelPhotos::ModelId))
                .col(integer(ModelPhotos::Position))
                .col(blob(ModelPhotos::Image))
                .col(blob(ModelPhotos::Thumb))
                .col(integer(ModelPhotos::Width))
                .col(integer(ModelPhotos::Height))
                .col(big_integer(ModelPhotos::OriginalBytes))
                .col(big_integer(ModelPhotos::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ModelPhotos::Table, ModelPhotos::ModelId)
                        .to(Models::Table, Models::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_model_photos_model")
                .table(ModelPhotos::Table)
                .col(ModelPhotos::ModelId)
                .to_owned(),
        )
        .await?;
        m.alter_table(Table::alter().table(Models::Table).add_column(integer_null(Models::CallUnitId)).to_owned()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Models::Table).drop_column(Models::CallUnitId).to_owned()).await?;
        m.drop_table(Table::drop().table(ModelPhotos::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ModelCallUnits::Table).to_owned()).await?;
        m.drop_table(Table::drop().table(ModelCalls::Table).to_owned()).await
    }
}
