//! Signing a PDF so that anyone can check, with OpenSSH alone, that it is byte for byte the
//! file the holder of a key signed: `carecheck sign` writes `PACK.pdf.sig` in OpenSSH's SSHSIG
//! format (what `ssh-keygen -Y sign` writes), and `ssh-keygen -Y verify` or `carecheck verify`
//! checks it.
//!
//! The key is Ed25519: one carecheck makes on first use and keeps owner-only in its config
//! folder ([`crate::settings::signing_key_path`]), or the user's own unencrypted OpenSSH key.
//! The encoding is RustCrypto's `ssh-key`, never carecheck's own.

use std::path::Path;

use ssh_key::{Algorithm, HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};
use thiserror::Error;

use crate::foreign_file::{self, Limit};
use crate::store::fsutil;

/// The SSHSIG namespace: OpenSSH's own for signing files (`ssh-keygen -Y sign -n file`), so a
/// pack signed with `ssh-keygen` checks the same way.
pub const NAMESPACE: &str = "file";
/// The allowed-signers principal `carecheck key show` prints for a key with no usable comment.
const DEFAULT_PRINCIPAL: &str = "carecheck";
/// Far larger than any OpenSSH key or signature file.
const KEY_FILE: Limit = Limit {
    bytes: 64 * 1024,
    what: "an SSH key or signature",
};

#[derive(Debug, Error)]
pub enum SigningError {
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    #[error("cannot make a signing key: {0}")]
    Make(String),
    #[error("cannot sign: {0}")]
    Sign(String),
}

fn file_error(path: &Path, reason: impl ToString) -> SigningError {
    SigningError::File {
        path: crate::text::one_line(&path.display().to_string()).into_owned(),
        reason: reason.to_string(),
    }
}

/// carecheck's own key at `path`, made (owner-only) when there is none yet. The flag says
/// whether it was made now.
pub fn own_key(path: &Path) -> Result<(PrivateKey, bool), SigningError> {
    match fsutil::read_own(path, KEY_FILE.bytes) {
        Ok(Some(bytes)) => return parse_key(path, &bytes).map(|key| (key, false)),
        Ok(None) => return Err(file_error(path, "is far too large to be an SSH key")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(file_error(path, e)),
    }
    let mut rng = ssh_key::rand_core::OsRng;
    let mut key = PrivateKey::random(&mut rng, Algorithm::Ed25519)
        .map_err(|e| SigningError::Make(e.to_string()))?;
    key.set_comment(DEFAULT_PRINCIPAL);
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| SigningError::Make(e.to_string()))?;
    fsutil::create_private_dir(fsutil::parent_dir(path)).map_err(|e| file_error(path, e))?;
    // write_new: never replaces a key another carecheck made a moment ago.
    fsutil::write_new(path, text.as_bytes())
        .and_then(|()| fsutil::sync_dir(fsutil::parent_dir(path)))
        .map_err(|e| file_error(path, e))?;
    Ok((key, true))
}

/// A key from an OpenSSH private key file: Ed25519 and not protected by a passphrase.
pub fn user_key(path: &Path) -> Result<PrivateKey, SigningError> {
    let bytes = foreign_file::read(path, KEY_FILE).map_err(|e| file_error(path, e))?;
    parse_key(path, &bytes)
}

fn parse_key(path: &Path, bytes: &[u8]) -> Result<PrivateKey, SigningError> {
    let key = PrivateKey::from_openssh(bytes).map_err(|_| {
        file_error(
            path,
            "is not an OpenSSH private key (it should start with -----BEGIN OPENSSH PRIVATE KEY-----)",
        )
    })?;
    if key.is_encrypted() {
        return Err(file_error(
            path,
            "is protected by a passphrase, which carecheck cannot use; sign with `ssh-keygen -Y sign -n file -f KEY PACK.pdf` instead, or use carecheck's own key (leave out --key)",
        ));
    }
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(file_error(
            path,
            format!(
                "is a {} key; carecheck signs with Ed25519 keys only (make one with `ssh-keygen -t ed25519`)",
                key.algorithm()
            ),
        ));
    }
    Ok(key)
}

/// The signature of `bytes` by `key`, as the text of a `.sig` file.
pub fn sign(key: &PrivateKey, bytes: &[u8]) -> Result<String, SigningError> {
    key.sign(NAMESPACE, HashAlg::Sha512, bytes)
        .and_then(|sig| sig.to_pem(LineEnding::LF))
        .map_err(|e| SigningError::Sign(e.to_string()))
}

/// Who signed, as a signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// "SHA256:…", as `ssh-keygen -l` and `carecheck key show` print it.
    pub fingerprint: String,
}

/// Why a signature does not show who made a file.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Mismatch {
    #[error("it is not an OpenSSH signature (-----BEGIN SSH SIGNATURE-----)")]
    Unreadable,
    #[error("it signs for `{0}`, not for files (namespace `file`)")]
    Namespace(String),
    #[error(
        "it does not match these bytes: the file changed after it was signed, or the signature is for another file"
    )]
    Bytes,
}

/// Checks that `signature` (a `.sig` file's text) signs exactly `bytes` for files, and says
/// with which key. Does not say whether that key is one to trust: only its holder can.
pub fn check(bytes: &[u8], signature: &[u8]) -> Result<Signer, Mismatch> {
    let sig = SshSig::from_pem(signature).map_err(|_| Mismatch::Unreadable)?;
    if sig.namespace() != NAMESPACE {
        return Err(Mismatch::Namespace(
            crate::text::one_line(sig.namespace()).into_owned(),
        ));
    }
    let public = PublicKey::from(sig.public_key().clone());
    public
        .verify(NAMESPACE, bytes, &sig)
        .map_err(|_| Mismatch::Bytes)?;
    Ok(Signer {
        fingerprint: public.fingerprint(HashAlg::Sha256).to_string(),
    })
}

/// Reads a `.sig` file (a foreign file: bounded, never a device).
pub fn read_signature(path: &Path) -> Result<Vec<u8>, foreign_file::ForeignError> {
    foreign_file::read(path, KEY_FILE)
}

/// The name `ssh-keygen -Y verify -I` takes for `key`: its comment when that is one word of
/// plain characters (an email address, user@host), otherwise "carecheck".
pub fn principal(key: &PublicKey) -> String {
    let comment = key.comment();
    let plain = !comment.is_empty()
        && comment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@._+-".contains(c));
    if plain {
        comment.to_owned()
    } else {
        DEFAULT_PRINCIPAL.to_owned()
    }
}

/// The line for an OpenSSH allowed-signers file that lets `ssh-keygen -Y verify` accept
/// carecheck's signatures by `key`.
pub fn allowed_signers_line(key: &PublicKey) -> String {
    let mut bare = key.clone();
    bare.set_comment("");
    let public = bare.to_openssh().unwrap_or_default();
    format!(
        "{} namespaces=\"{NAMESPACE}\" {}",
        principal(key),
        public.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_checks_and_names_its_key_and_fails_for_other_bytes() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("config/signing-key");
        let (key, made) = own_key(&path).expect("made");
        assert!(made);
        let (again, made) = own_key(&path).expect("read back");
        assert!(!made);
        assert_eq!(again.public_key(), key.public_key());
        let sig = sign(&key, b"%PDF-1.7 pack").expect("signs");
        assert!(sig.starts_with("-----BEGIN SSH SIGNATURE-----\n"), "{sig}");
        let signer = check(b"%PDF-1.7 pack", sig.as_bytes()).expect("checks");
        assert_eq!(
            signer.fingerprint,
            key.public_key().fingerprint(HashAlg::Sha256).to_string()
        );
        assert_eq!(
            check(b"%PDF-1.7 pack!", sig.as_bytes()),
            Err(Mismatch::Bytes)
        );
        assert_eq!(check(b"x", b"junk"), Err(Mismatch::Unreadable));
        let line = allowed_signers_line(key.public_key());
        assert!(
            line.starts_with("carecheck namespaces=\"file\" ssh-ed25519 AAAA"),
            "{line}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
