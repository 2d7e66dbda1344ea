//! Who an audience member is: a device cookie the server signs, so one
//! phone holds one vote and one answer a question. A cookie the server did
//! not sign (forged, cut, from another server) is no device at all: the
//! phone gets a new one, and never anyone else's vote. The key lives in the
//! database, so every instance behind a load balancer signs alike.

use crate::db::Db;
use crate::entity::setting;
use crate::error::Result;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kheo_domain::show::{Bucket, Rate};
use rand::RngCore;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// The audience's cookie.
pub const COOKIE: &str = "kheo_audience";

const KEY_NAME: &str = "audience_key";

/// The audience's side of the server: the cookie key and the vote's pace
/// per address.
#[derive(Clone, Default)]
pub struct Audience {
    key: Arc<OnceCell<[u8; 32]>>,
    buckets: Arc<Mutex<HashMap<(i32, String), Bucket>>>,
    pub(crate) rankings: Arc<Mutex<HashMap<i32, Stamped>>>,
}

/// The audience's ranking as of one change of the show (its stamp).
pub(crate) type Stamped = (i64, Arc<super::play::Ranked>);

/// A device as a request names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// Its id, as stored beside its answers and vote.
    pub id: String,
    /// The cookie's value to set, for a device new to this server.
    pub new_cookie: Option<String>,
}

fn hmac(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let (mut inner, mut outer) = ([0x36u8; 64], [0x5cu8; 64]);
    for (i, k) in key.iter().enumerate() {
        inner[i] ^= k;
        outer[i] ^= k;
    }
    let h = Sha256::new().chain_update(inner).chain_update(message).finalize();
    Sha256::new().chain_update(outer).chain_update(h).finalize().into()
}

fn signature(key: &[u8; 32], id: &str) -> String {
    URL_SAFE_NO_PAD.encode(&hmac(key, id.as_bytes())[..16])
}

impl Audience {
    async fn key(&self, db: &Db) -> Result<[u8; 32]> {
        let key = self
            .key
            .get_or_try_init(|| async {
                let mut fresh = [0u8; 32];
                rand::thread_rng().fill_bytes(&mut fresh);
                // The first instance to ask writes it; the others read it.
                setting::Entity::insert(setting::ActiveModel {
                    name: Set(KEY_NAME.into()),
                    value: Set(URL_SAFE_NO_PAD.encode(fresh)),
                    ..Default::default()
                })
                .on_conflict(OnConflict::column(setting::Column::Name).do_nothing().to_owned())
                .exec_without_returning(db)
                .await?;
                let stored = setting::Entity::find().filter(setting::Column::Name.eq(KEY_NAME)).one(db).await?;
                let bytes = stored.and_then(|s| URL_SAFE_NO_PAD.decode(s.value).ok()).unwrap_or_default();
                let key: [u8; 32] =
                    bytes.try_into().map_err(|_| crate::Error::internal("the audience key is not 32 bytes"))?;
                Ok::<_, crate::Error>(key)
            })
            .await?;
        Ok(*key)
    }

    /// The device a request's cookie names, or a new one.
    pub async fn device(&self, db: &Db, cookie: Option<&str>) -> Result<Device> {
        let key = self.key(db).await?;
        if let Some((id, sig)) = cookie.and_then(|c| c.split_once('.'))
            && id.len() == 22
            && signature(&key, id) == sig
        {
            return Ok(Device { id: id.to_string(), new_cookie: None });
        }
        let mut raw = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut raw);
        let id = URL_SAFE_NO_PAD.encode(raw);
        let cookie = format!("{id}.{}", signature(&key, &id));
        Ok(Device { id, new_cookie: Some(cookie) })
    }

    /// Takes one vote from `address` for `contest_id`, or says how many
    /// seconds to wait.
    pub fn pace(&self, contest_id: i32, address: &str, rate: Rate, now_ms: i64) -> std::result::Result<(), u64> {
        let mut map = self.buckets.lock().expect("audience lock");
        if map.len() > 100_000 {
            // Bounded memory: at worst an address starts a fresh burst.
            map.clear();
        }
        let bucket = map.entry((contest_id, address.to_string())).or_insert_with(|| Bucket::full(rate, now_ms));
        if bucket.take(rate, now_ms) { Ok(()) } else { Err((bucket.wait_ms(rate) as u64).div_ceil(1000).max(1)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // RFC 4231 test case 2 uses a short key; ours is zero-padded to 32
        // bytes, which HMAC pads to the block anyway.
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        let mac = hmac(&key, b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
