//! The server's data key: it keys the hashes of data sources' contacts (HMAC-SHA256) and
//! encrypts stored provider secrets (XChaCha20-Poly1305, bound to what they belong to). It comes from `RAPPORT_DATA_KEY` (32 bytes, base64), or is made
//! once under the data folder (`data/data-key`); its id (a short fingerprint) is stored beside
//! what it protects, so a new key can take over later.

use std::path::Path;

use anyhow::Context;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use rapport_domain::profiles::Platform;
use sha2::{Digest, Sha256};

/// The data key.
#[derive(Clone)]
pub struct DataKey {
    id: String,
    /// HMAC-SHA256 keyed for contacts, its key already absorbed: each hash clones it (a copy of
    /// the state) instead of keying a new one (two compressions saved of four or five).
    contacts: Hmac<Sha256>,
    secrets: [u8; 32],
}

/// A keyed hash of a contact's address or handle: the first 128 bits of its HMAC-SHA256.
/// Stored as 32 lower-case hex digits; ordered as that text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyedHash([u8; 16]);

impl KeyedHash {
    /// The 32 hex digits, as stored.
    pub fn to_hex(self) -> String {
        hex(&self.0)
    }

    /// The hash from its stored text; none for anything else.
    pub fn from_hex(text: &str) -> Option<Self> {
        fn digit(byte: u8) -> Option<u8> {
            match byte {
                b'0'..=b'9' => Some(byte - b'0'),
                b'a'..=b'f' => Some(byte - b'a' + 10),
                _ => None,
            }
        }
        let bytes = text.as_bytes();
        if bytes.len() != 32 {
            return None;
        }
        let mut out = [0u8; 16];
        for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            *slot = (digit(pair[0])? << 4) | digit(pair[1])?;
        }
        Some(Self(out))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl DataKey {
    /// The key from its base64 text (32 bytes).
    pub fn from_base64(text: &str) -> anyhow::Result<Self> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .context("RAPPORT_DATA_KEY is not base64")?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("RAPPORT_DATA_KEY must be 32 bytes (base64)"))?;
        Ok(Self::from_bytes(&key))
    }

    fn from_bytes(key: &[u8; 32]) -> Self {
        let fingerprint = Sha256::digest(key);
        // HMAC pads a key shorter than the hash's block (64 bytes) with zeros: keyed with the
        // padded block it is the same function, and its constructor cannot fail.
        let mut block = [0u8; 64];
        block[..32].copy_from_slice(&derive(key, b"rapport contacts v1"));
        Self {
            id: hex(&fingerprint[..4]),
            contacts: <Hmac<Sha256> as hmac::digest::KeyInit>::new(&block.into()),
            secrets: derive(key, b"rapport secrets v1"),
        }
    }

    /// The key under `path`, made there (readable by the owner only) when absent.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Self> {
        if let Ok(existing) = std::fs::read_to_string(path) {
            return Self::from_base64(&existing)
                .with_context(|| format!("{} holds no data key", path.display()));
        }
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        std::fs::write(path, base64::engine::general_purpose::STANDARD.encode(key))
            .with_context(|| format!("cannot write {}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot protect {}", path.display()))?;
        }
        Ok(Self::from_bytes(&key))
    }

    /// The key's id (stored beside what it protects).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The keyed hash of a normalised e-mail address, as stored.
    pub fn email_hash(&self, email: &str) -> String {
        self.keyed_email(email).to_hex()
    }

    /// The keyed hash of a handle's key on a platform, as stored.
    pub fn handle_hash(&self, platform: Platform, handle_key: &str) -> String {
        self.keyed_handle(platform, handle_key).to_hex()
    }

    /// The keyed hash of a normalised e-mail address.
    pub fn keyed_email(&self, email: &str) -> KeyedHash {
        self.hash(b"email:", email)
    }

    /// The keyed hash of a handle's key on a platform.
    pub fn keyed_handle(&self, platform: Platform, handle_key: &str) -> KeyedHash {
        let prefix: &[u8] = match platform {
            Platform::Instagram => b"instagram:",
            Platform::Tiktok => b"tiktok:",
            Platform::Youtube => b"youtube:",
        };
        self.hash(prefix, handle_key)
    }

    /// `secret` encrypted for `owner` (e.g. a source's id: the sealed text opens only for it),
    /// as base64 of a random nonce and the ciphertext; store [`Self::id`] beside it.
    pub fn seal(&self, owner: &str, secret: &str) -> String {
        use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
        use chacha20poly1305::XChaCha20Poly1305;
        let cipher = XChaCha20Poly1305::new(&self.secrets.into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: secret.as_bytes(),
            aad: owner.as_bytes(),
        };
        // Encryption fails only for messages beyond 256 GiB.
        let sealed = cipher.encrypt(&nonce, payload).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        base64::engine::general_purpose::STANDARD.encode(out)
    }

    /// The secret sealed for `owner` under the key `key_id`; none when another key sealed it,
    /// or it was sealed for another owner, or it was altered.
    pub fn open(&self, owner: &str, key_id: &str, sealed: &str) -> Option<String> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        use chacha20poly1305::{XChaCha20Poly1305, XNonce};
        if key_id != self.id {
            return None;
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let cipher = XChaCha20Poly1305::new(&self.secrets.into());
        let payload = Payload {
            msg: ciphertext,
            aad: owner.as_bytes(),
        };
        let nonce: [u8; 24] = nonce.try_into().ok()?;
        let plain = cipher.decrypt(&XNonce::from(nonce), payload).ok()?;
        String::from_utf8(plain).ok()
    }

    fn hash(&self, prefix: &[u8], value: &str) -> KeyedHash {
        let mut mac = self.contacts.clone();
        mac.update(prefix);
        mac.update(value.as_bytes());
        // 128 bits: collisions among billions of contacts stay out of reach.
        let digest = mac.finalize().into_bytes();
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        KeyedHash(out)
    }
}

fn derive(key: &[u8; 32], purpose: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(purpose);
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_keyed_stable_and_apart_by_purpose() {
        let one = DataKey::from_bytes(&[7; 32]);
        let again = DataKey::from_bytes(&[7; 32]);
        let other = DataKey::from_bytes(&[8; 32]);
        let mia = one.email_hash("mia@example.com");
        assert_eq!(mia.len(), 32);
        assert_eq!(mia, again.email_hash("mia@example.com"));
        assert_ne!(mia, other.email_hash("mia@example.com"));
        assert_ne!(mia, one.email_hash("noah@example.com"));
        assert_ne!(
            one.handle_hash(Platform::Instagram, "mia"),
            one.handle_hash(Platform::Tiktok, "mia")
        );
        assert_eq!(one.id(), again.id());
        // The same function as HMAC keyed with the 32-byte key itself.
        let plain = Hmac::<Sha256>::new_from_slice(&derive(&[7; 32], b"rapport contacts v1")).map(
            |mut mac| {
                mac.update(b"email:mia@example.com");
                hex(&mac.finalize().into_bytes()[..16])
            },
        );
        assert_eq!(plain.ok(), Some(mia.clone()));
        assert_eq!(
            KeyedHash::from_hex(&mia),
            Some(one.keyed_email("mia@example.com"))
        );
        assert_eq!(KeyedHash::from_hex("not hex"), None);
        assert_eq!(KeyedHash::from_hex(&mia.to_uppercase()), None);
        assert_ne!(one.id(), other.id());
        assert!(!format!("{one:?}").contains("contacts"));
    }

    #[test]
    fn secrets_open_only_for_their_owner_and_key() {
        let key = DataKey::from_bytes(&[7; 32]);
        let sealed = key.seal("source-1", "abc-us14");
        assert!(!sealed.contains("abc-us14"));
        assert_ne!(
            sealed,
            key.seal("source-1", "abc-us14"),
            "a fresh nonce each time"
        );
        assert_eq!(
            key.open("source-1", key.id(), &sealed).as_deref(),
            Some("abc-us14")
        );
        assert_eq!(key.open("source-2", key.id(), &sealed), None);
        let other = DataKey::from_bytes(&[8; 32]);
        assert_eq!(other.open("source-1", other.id(), &sealed), None);
        assert_eq!(key.open("source-1", "00000000", &sealed), None);
        let mut altered = sealed.into_bytes();
        altered[40] = if altered[40] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(altered).unwrap();
        assert_eq!(key.open("source-1", key.id(), &altered), None);
        assert_eq!(key.open("source-1", key.id(), "short"), None);
    }

    #[test]
    fn a_key_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data-key");
        let made = DataKey::load_or_create(&path).unwrap();
        let read = DataKey::load_or_create(&path).unwrap();
        assert_eq!(made.email_hash("a@b.co"), read.email_hash("a@b.co"));
        assert!(DataKey::from_base64("c2hvcnQ=").is_err());
    }
}
