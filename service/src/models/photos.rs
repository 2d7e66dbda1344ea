//! A model's photos: up to five, each read as JPEG, PNG or WebP, turned
//! upright, resized on the server and kept as JPEG with a thumbnail. They
//! live in their own table: the register's lists never read them, every
//! app instance on one PostgreSQL serves them, and a backup of the
//! database (`kheo backup`, `pg_dump`) carries them.

use super::{may_act, status_of};
use crate::accounts::Actor;
use crate::db::{self, now_ms};
use crate::entity::{model, model_photo};
use crate::error::{Error, Result};
use crate::units;
use kheo_domain::api::ModelPhoto;
use kheo_domain::i18n::{FieldFault, Problem};
use kheo_domain::models::ModelStatus;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use sea_orm::{QuerySelect, Set};

/// Photos a model keeps.
pub const MAX_PHOTOS: usize = 5;
/// The largest photo read, in megabytes.
pub const MAX_MB: u32 = 10;
/// The largest photo read, in bytes.
pub const MAX_BYTES: usize = MAX_MB as usize * 1024 * 1024;
/// The stored photo's long side, pixels.
const LONG_SIDE: u32 = 1600;
/// The thumbnail's long side.
const THUMB_SIDE: u32 = 480;

/// A photo as it is kept.
#[derive(Clone, Debug)]
pub struct Resized {
    /// JPEG, at most `LONG_SIDE` pixels on its long side.
    pub image: Vec<u8>,
    /// JPEG, at most `THUMB_SIDE`.
    pub thumb: Vec<u8>,
    /// Width of `image`.
    pub width: u32,
    /// Height of `image`.
    pub height: u32,
    /// The size of the file sent.
    pub original_bytes: usize,
}

/// The refusal for a photo too large to read.
pub fn too_large() -> Error {
    Problem::PhotoTooLarge { max_mb: MAX_MB }.into()
}

/// Reads a photo sent by a person and makes what is kept of it. Not an
/// image (or one this server cannot read): 422 naming `field`.
pub fn resize(field: &str, bytes: &[u8]) -> Result<Resized> {
    use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let not_an_image = || Error::field(field, FieldFault::NotAnImage);
    let mut reader = ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().map_err(|_| not_an_image())?;
    if !matches!(reader.format(), Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) {
        return Err(not_an_image());
    }
    // A small file may claim an enormous picture; what it may unpack to
    // is bounded before decoding.
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| not_an_image())?;
    // Phones store a photo sideways and say so in its EXIF data.
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| not_an_image())?;
    if let Some(o) = orientation {
        picture.apply_orientation(o);
    }
    let fit = |p: &DynamicImage, side: u32| {
        if p.width() > side || p.height() > side {
            p.resize(side, side, image::imageops::FilterType::Triangle)
        } else {
            p.clone()
        }
    };
    let large = fit(&picture, LONG_SIDE);
    let thumb = fit(&large, THUMB_SIDE);
    Ok(Resized {
        width: large.width(),
        height: large.height(),
        image: jpeg(&large, 82)?,
        thumb: jpeg(&thumb, 78)?,
        original_bytes: bytes.len(),
    })
}

fn jpeg(picture: &image::DynamicImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let rgb = picture.to_rgb8();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| Error::internal_from("encoding a photo", e))?;
    Ok(out)
}

/// Reads every photo off the async workers: decoding a phone's photo takes
/// a core for a moment. The first bad one refuses them all.
pub async fn resize_all(photos: Vec<Vec<u8>>) -> Result<Vec<Resized>> {
    if photos.len() > MAX_PHOTOS {
        return Err(Error::field("photos", FieldFault::TooMany { max: MAX_PHOTOS }));
    }
    if photos.iter().any(|p| p.len() > MAX_BYTES) {
        return Err(too_large());
    }
    tokio::task::spawn_blocking(move || {
        photos.iter().enumerate().map(|(i, p)| resize(&format!("photos[{i}]"), p)).collect::<Result<Vec<_>>>()
    })
    .await
    .map_err(|e| Error::internal_from("resizing photos", e))?
}

/// Stores photos after a model's others, inside the caller's transaction;
/// more than the model may keep refuses them all.
pub(crate) async fn store(txn: &impl ConnectionTrait, model_id: i32, photos: &[Resized]) -> Result<Vec<ModelPhoto>> {
    let have = model_photo::Entity::find().filter(model_photo::Column::ModelId.eq(model_id)).count(txn).await?;
    if have as usize + photos.len() > MAX_PHOTOS {
        return Err(Error::field("photos", FieldFault::TooMany { max: MAX_PHOTOS }));
    }
    let mut out = Vec::with_capacity(photos.len());
    for (i, p) in photos.iter().enumerate() {
        let row = model_photo::ActiveModel {
            model_id: Set(model_id),
            position: Set(have as i32 + i as i32),
            image: Set(p.image.clone()),
            thumb: Set(p.thumb.clone()),
            width: Set(p.width as i32),
            height: Set(p.height as i32),
            original_bytes: Set(p.original_bytes as i64),
            created_at: Set(now_ms()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        out.push(view(model_id, row.id, row.width, row.height));
    }
    Ok(out)
}

fn view(model_id: i32, id: i32, width: i32, height: i32) -> ModelPhoto {
    ModelPhoto {
        id: i64::from(id),
        url: format!("/api/v1/models/{model_id}/photos/{id}"),
        thumb_url: format!("/api/v1/models/{model_id}/photos/{id}?size=thumb"),
        width,
        height,
    }
}

/// A model's photos, without reading their bytes.
pub(crate) async fn of_model(db: &impl ConnectionTrait, model_id: i32) -> Result<Vec<ModelPhoto>> {
    let rows: Vec<(i32, i32, i32)> = model_photo::Entity::find()
        .select_only()
        .columns([model_photo::Column::Id, model_photo::Column::Width, model_photo::Column::Height])
        .filter(model_photo::Column::ModelId.eq(model_id))
        .order_by_asc(model_photo::Column::Position)
        .order_by_asc(model_photo::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, w, h)| view(model_id, id, w, h)).collect())
}

/// How many photos each of these models has.
pub(crate) async fn counts(db: &impl ConnectionTrait, model_ids: Vec<i32>) -> Result<Vec<(i32, i64)>> {
    Ok(model_photo::Entity::find()
        .select_only()
        .column(model_photo::Column::ModelId)
        .column_as(model_photo::Column::Id.count(), "n")
        .filter(model_photo::Column::ModelId.is_in(model_ids))
        .group_by(model_photo::Column::ModelId)
        .into_tuple()
        .all(db)
        .await?)
}

async fn model_for(db: &impl ConnectionTrait, actor: &Actor, model_id: i32) -> Result<model::Model> {
    let m = model::Entity::find_by_id(model_id).one(db).await?.ok_or_else(|| Error::not_found("model"))?;
    if !may_act(actor, &units::nodes(&units::all(db).await?), i64::from(m.org_unit_id)) {
        return Err(Problem::Forbidden.into());
    }
    Ok(m)
}

/// `POST /models/{id}/photos`: one photo added by an organiser who may act
/// on the model. Refusals come before any reading of the picture.
pub async fn add(svc: &crate::Services, actor: &Actor, model_id: i32, bytes: Vec<u8>) -> Result<ModelPhoto> {
    let m = model_for(&svc.db, actor, model_id).await?;
    if status_of(&m) == ModelStatus::Withdrawn {
        return Err(Error::field("model", FieldFault::NoSuchModel));
    }
    add_checked(svc, model_id, bytes).await
}

/// One photo added to a model whose caller has been let through: read,
/// resized, and stored after the model's others.
pub(crate) async fn add_checked(svc: &crate::Services, model_id: i32, bytes: Vec<u8>) -> Result<ModelPhoto> {
    let resized = resize_all(vec![bytes]).await?;
    let txn = db::write(&svc.db).await?;
    let mut stored = store(&txn, model_id, &resized).await?;
    txn.commit().await?;
    stored.pop().ok_or_else(|| Error::internal("a stored photo went missing"))
}

/// `DELETE /models/{id}/photos/{pid}`.
pub async fn remove(svc: &crate::Services, actor: &Actor, model_id: i32, photo_id: i32) -> Result<()> {
    let txn = db::write(&svc.db).await?;
    model_for(&txn, actor, model_id).await?;
    let gone = model_photo::Entity::delete_many()
        .filter(model_photo::Column::Id.eq(photo_id))
        .filter(model_photo::Column::ModelId.eq(model_id))
        .exec(&txn)
        .await?;
    if gone.rows_affected == 0 {
        return Err(Error::not_found("photo"));
    }
    txn.commit().await?;
    Ok(())
}

/// `GET /models/{id}/photos/{pid}`: the JPEG, or its thumbnail.
pub async fn image(svc: &crate::Services, model_id: i32, photo_id: i32, thumb: bool) -> Result<Vec<u8>> {
    let column = if thumb { model_photo::Column::Thumb } else { model_photo::Column::Image };
    let bytes: Option<Vec<u8>> = model_photo::Entity::find()
        .select_only()
        .column(column)
        .filter(model_photo::Column::Id.eq(photo_id))
        .filter(model_photo::Column::ModelId.eq(model_id))
        .into_tuple()
        .one(&svc.db)
        .await?;
    bytes.ok_or_else(|| Error::not_found("photo"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture =
            image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = std::io::Cursor::new(Vec::new());
        picture.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_photo_is_kept_at_the_long_side_with_its_shape() {
        let r = resize("photo", &png(3200, 2000)).unwrap();
        assert_eq!((r.width, r.height), (1600, 1000));
        let back = image::load_from_memory(&r.image).unwrap();
        assert_eq!((back.width(), back.height()), (1600, 1000));
        let thumb = image::load_from_memory(&r.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (480, 300));
    }

    #[test]
    fn a_small_photo_is_not_enlarged() {
        let r = resize("photo", &png(640, 480)).unwrap();
        assert_eq!((r.width, r.height), (640, 480));
    }

    #[test]
    fn text_and_a_broken_picture_are_not_images() {
        for bytes in [b"hello, this is not a picture".to_vec(), png(50, 50)[..60].to_vec(), b"GIF89a\x01\x00".to_vec()]
        {
            let e = resize("photos[0]", &bytes).unwrap_err().into_problem();
            assert!(
                matches!(&e, Problem::InvalidField { field, fault: FieldFault::NotAnImage } if field == "photos[0]"),
                "{e:?}"
            );
        }
    }

    #[test]
    fn more_than_ten_megabytes_is_too_large_before_it_is_read() {
        let e = resize("photo", &vec![0u8; MAX_BYTES + 1]).unwrap_err().into_problem();
        assert_eq!(e.status(), 413);
        assert_eq!(e.code(), "photo_too_large");
    }
}
