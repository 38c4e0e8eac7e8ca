//! Protecting a bundle with a passphrase, in the age format (age-encryption.org/v1, scrypt
//! recipient), through the `age` crate: the one module that touches it. A well-kept, audited
//! format rather than our own: the bundle inside is unchanged, age wraps it whole.

use std::io::{self, Read, Write};

use age::secrecy::SecretString;
use thiserror::Error;

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

#[derive(Debug, Error)]
pub enum SealError {
    #[error("an empty passphrase protects nothing")]
    EmptyPassphrase,
    #[error("the passphrase is wrong, or the file was altered after it was protected")]
    WrongPassphraseOrAltered,
    #[error("the file was altered or cut short after it was protected")]
    Altered,
    #[error("it is protected for a key, not with a passphrase; carecheck only uses passphrases")]
    NotPassphrase,
    #[error(
        "it was protected with more scrypt work than this computer takes on (made on a much faster one?)"
    )]
    TooMuchWork,
    #[error("once unlocked it is larger than {limit} bytes, the most carecheck imports")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Whether `prefix` (the first bytes of a file) is an age file.
pub fn is_sealed(prefix: &[u8]) -> bool {
    prefix.starts_with(AGE_MAGIC)
}

/// `parts`, one after another, encrypted with `passphrase`.
pub fn seal(parts: &[&[u8]], passphrase: &str) -> Result<Vec<u8>, SealError> {
    if passphrase.is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(passphrase));
    let mut sealed = Vec::new();
    let mut writer = encryptor.wrap_output(&mut sealed)?;
    for part in parts {
        writer.write_all(part)?;
    }
    writer.finish()?;
    Ok(sealed)
}

/// The bytes inside `sealed`, refusing more than `limit` of them. Nothing is returned from a
/// file whose authentication fails anywhere: the whole payload is checked before it is used.
pub fn open(sealed: &[u8], passphrase: &str, limit: u64) -> Result<Vec<u8>, SealError> {
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(worded)?;
    if !decryptor.is_scrypt() {
        return Err(SealError::NotPassphrase);
    }
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase));
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(worded)?;
    let mut plain = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut plain)
        .map_err(|_| SealError::Altered)?;
    if plain.len() as u64 > limit {
        return Err(SealError::TooLarge { limit });
    }
    Ok(plain)
}

fn worded(error: age::DecryptError) -> SealError {
    match error {
        // A wrong passphrase fails to unwrap the file key, exactly as an altered header does:
        // the format cannot tell the two apart, so neither does the message.
        age::DecryptError::DecryptionFailed
        | age::DecryptError::InvalidMac
        | age::DecryptError::NoMatchingKeys
        | age::DecryptError::KeyDecryptionFailed => SealError::WrongPassphraseOrAltered,
        age::DecryptError::ExcessiveWork { .. } => SealError::TooMuchWork,
        age::DecryptError::Io(e) => SealError::Io(e),
        _ => SealError::Altered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_wrong_passphrase_and_flipped_bytes() {
        let secret = b"Note: the back door code is 4321";
        let sealed = seal(&[b"carecheck-bundle 1\n", secret], "correct horse").expect("sealed");
        assert!(is_sealed(&sealed));
        assert!(
            !sealed.windows(secret.len()).any(|w| w == secret),
            "no plaintext in the sealed file"
        );
        let plain = open(&sealed, "correct horse", 1024).expect("opens");
        assert_eq!(plain, [&b"carecheck-bundle 1\n"[..], secret].concat());
        assert!(matches!(
            open(&sealed, "wrong horse", 1024),
            Err(SealError::WrongPassphraseOrAltered)
        ));
        assert!(matches!(
            open(&sealed, "correct horse", 10),
            Err(SealError::TooLarge { .. })
        ));
        // A flipped byte in the payload (its last byte) fails authentication.
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(open(&flipped, "correct horse", 1024).is_err());
        assert!(matches!(seal(&[b"x"], ""), Err(SealError::EmptyPassphrase)));
    }

    proptest::proptest! {
        // Each case runs scrypt at full strength, so only a few.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6))]
        #[test]
        fn no_note_text_survives_sealing(note in "[ -~]{8,80}", passphrase in "[ -~]{1,20}") {
            let plain = format!("carecheck-bundle 1\n{{\"note\":\"{note}\"}}\n");
            let sealed = seal(&[plain.as_bytes()], &passphrase).expect("sealed");
            proptest::prop_assert!(!sealed.windows(note.len()).any(|w| w == note.as_bytes()));
            proptest::prop_assert_eq!(open(&sealed, &passphrase, 1 << 20).expect("opens"), plain.into_bytes());
        }
    }
}
