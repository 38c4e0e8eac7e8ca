//! Protecting a bundle with a passphrase, in the age format (age-encryption.org/v1, scrypt
//! recipient), through the `age` crate: the one module that touches it. A well-kept, audited
//! format rather than our own: the bundle inside is unchanged, age wraps it whole.
//!
//! A sealed file comes from anyone, so its cost is bounded before the `age` crate sees it: the
//! header's size and stanza count are capped (the crate's header parser is quadratic in the
//! header's length), and the scrypt work factor it asks for is checked against a fixed ceiling
//! before any scrypt work is done (see SECURITY.md).

use std::io::{self, Read, Write};

use age::secrecy::SecretString;
use thiserror::Error;

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// How an armored age file (`age -a`) begins.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// The largest age header carecheck reads. A passphrase file's header is about 200 bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// The most stanzas (`-> ...` lines) an age header may hold. A passphrase file has one; the
/// format allows a few more for forward compatibility ("grease").
pub const MAX_STANZAS: usize = 8;

/// The most scrypt work carecheck does to open a file: N = 2^20, which needs 1 GiB of memory
/// and a few seconds. Fixed, not measured on this computer, so that a file sealed on a
/// computer up to twice as fast as the test machine still opens while a crafted one cannot
/// ask for 4 GiB (2^22) or more.
pub const MAX_LOG_N: u8 = 20;

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
        "it asks for more scrypt work (2^{asked}) than carecheck ever does (2^{MAX_LOG_N}); it was not made by carecheck, or was altered"
    )]
    TooMuchWork { asked: u8 },
    #[error(
        "its header is larger than {MAX_HEADER_BYTES} bytes or has more than {MAX_STANZAS} stanzas; it was not made by carecheck, or was altered"
    )]
    HeaderTooLarge,
    #[error("once unlocked it is larger than {limit} bytes, the most carecheck imports")]
    TooLarge { limit: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Whether `prefix` (the first bytes of a file) is an age file, binary or armored.
pub fn is_sealed(prefix: &[u8]) -> bool {
    prefix.starts_with(AGE_MAGIC) || prefix.starts_with(ARMOR_BEGIN)
}

/// The binary age file in `sealed` (armored or not), once its header is within the caps and
/// asks for no more scrypt work than [`MAX_LOG_N`]. Cheap: run it before asking for the
/// passphrase, so that a file that would be refused anyway does not ask for it.
pub fn checked(sealed: &[u8]) -> Result<Vec<u8>, SealError> {
    let binary = if sealed.starts_with(ARMOR_BEGIN) {
        let mut binary = Vec::new();
        age::armor::ArmoredReader::new(sealed)
            .read_to_end(&mut binary)
            .map_err(|_| SealError::Altered)?;
        binary
    } else {
        sealed.to_vec()
    };
    if let Some(asked) = header_work(&binary)?
        && asked > MAX_LOG_N
    {
        return Err(SealError::TooMuchWork { asked });
    }
    Ok(binary)
}

/// The scrypt work factor the header of `binary` asks for, if it has an scrypt stanza, once
/// the header is found within [`MAX_HEADER_BYTES`] and holds at most [`MAX_STANZAS`] stanzas.
fn header_work(binary: &[u8]) -> Result<Option<u8>, SealError> {
    let window = &binary[..binary.len().min(MAX_HEADER_BYTES)];
    // The header ends with the MAC line, `--- ` at the start of a line.
    let end = window
        .windows(5)
        .position(|w| w == b"\n--- ")
        .ok_or(SealError::HeaderTooLarge)?;
    let header = &window[..end];
    let stanzas = header
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"-> "));
    let mut work = None;
    for (n, line) in stanzas.enumerate() {
        if n >= MAX_STANZAS {
            return Err(SealError::HeaderTooLarge);
        }
        let mut args = line[3..].split(|&b| b == b' ');
        if args.next() == Some(b"scrypt")
            && let Some(log_n) = args.nth(1)
        {
            // Anything but a small decimal is left for the crate to refuse as malformed.
            let asked = std::str::from_utf8(log_n)
                .ok()
                .and_then(|t| t.parse::<u8>().ok());
            work = work.max(asked.or(Some(u8::MAX)));
        }
    }
    Ok(work)
}

/// `parts`, one after another, encrypted with `passphrase`.
pub fn seal(parts: &[&[u8]], passphrase: &str) -> Result<Vec<u8>, SealError> {
    if passphrase.is_empty() {
        return Err(SealError::EmptyPassphrase);
    }
    // age measures the work this computer does in about a second; never more than carecheck
    // itself accepts, or a fast computer would seal a file a slower one refuses.
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase));
    let sealed = seal_for(&recipient, parts)?;
    if header_work(&sealed)?.is_some_and(|n| n > MAX_LOG_N) {
        recipient.set_work_factor(MAX_LOG_N);
        return seal_for(&recipient, parts);
    }
    Ok(sealed)
}

fn seal_for(recipient: &age::scrypt::Recipient, parts: &[&[u8]]) -> Result<Vec<u8>, SealError> {
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .map_err(|e| SealError::Io(io::Error::other(e.to_string())))?;
    let mut sealed = Vec::new();
    let mut writer = encryptor.wrap_output(&mut sealed)?;
    for part in parts {
        writer.write_all(part)?;
    }
    writer.finish()?;
    Ok(sealed)
}

/// The bytes inside `sealed` (armored or not), refusing more than `limit` of them. Nothing is
/// returned from a file whose authentication fails anywhere: the whole payload is checked
/// before it is used. The header is bounded first ([`checked`]).
pub fn open(sealed: &[u8], passphrase: &str, limit: u64) -> Result<Vec<u8>, SealError> {
    let binary = checked(sealed)?;
    let decryptor = age::Decryptor::new_buffered(&binary[..]).map_err(worded)?;
    if !decryptor.is_scrypt() {
        return Err(SealError::NotPassphrase);
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase));
    identity.set_max_work_factor(MAX_LOG_N);
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
        age::DecryptError::ExcessiveWork { required, .. } => {
            SealError::TooMuchWork { asked: required }
        }
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

    /// A binary age header with `stanzas`, for the bounds tests.
    fn header(stanzas: &str) -> Vec<u8> {
        format!("age-encryption.org/v1\n{stanzas}--- AAAA\n").into_bytes()
    }

    #[test]
    fn a_huge_header_or_too_many_stanzas_is_refused_before_parsing() {
        let started = std::time::Instant::now();
        let huge = header(&format!("-> x\n{}\n", "A".repeat(1 << 20)));
        assert!(matches!(
            open(&huge, "p", 1024),
            Err(SealError::HeaderTooLarge)
        ));
        let many = header(&"-> x\n\n".repeat(40_000));
        assert!(matches!(
            open(&many, "p", 1024),
            Err(SealError::HeaderTooLarge)
        ));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn too_much_scrypt_work_is_refused_before_any() {
        let salt = "A".repeat(22);
        let body = "A".repeat(43);
        let started = std::time::Instant::now();
        for log_n in ["21", "22", "63", "99999"] {
            let crafted = header(&format!("-> scrypt {salt} {log_n}\n{body}\n"));
            let err = checked(&crafted).expect_err("refused");
            assert!(
                matches!(err, SealError::TooMuchWork { .. }),
                "{log_n}: {err}"
            );
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        let crafted = header(&format!("-> scrypt {salt} 22\n{body}\n"));
        assert_eq!(
            open(&crafted, "p", 1024).expect_err("refused").to_string(),
            "it asks for more scrypt work (2^22) than carecheck ever does (2^20); it was not made by carecheck, or was altered"
        );
        let fine = header(&format!("-> scrypt {salt} 20\n{body}\n"));
        assert_eq!(header_work(&fine).expect("bounded"), Some(20));
    }

    #[test]
    fn armored_files_open() {
        let sealed = seal(&[b"inside"], "correct horse").expect("sealed");
        let mut armored = Vec::new();
        let mut writer =
            age::armor::ArmoredWriter::wrap_output(&mut armored, age::armor::Format::AsciiArmor)
                .expect("armor");
        writer.write_all(&sealed).expect("write");
        writer.finish().expect("finish");
        assert!(is_sealed(&armored));
        assert_eq!(
            open(&armored, "correct horse", 1024).expect("opens"),
            b"inside"
        );
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
