//! Reading a PDF back: the one place carecheck parses a PDF (for `carecheck verify`, and to
//! seal what it has just written). Everything else about PDFs is written in `pdf.rs`.
//!
//! A PDF may be re-saved by another program (`qpdf --linearize`, a viewer's "save as") without
//! changing what it shows: objects are renumbered, streams recompressed, page attributes pushed
//! down from the page tree to each page. [`Pdf::content_digest`] hashes what a reader sees, in
//! a form such a re-save keeps: every page in order, with everything it draws from (its
//! content, fonts, pictures, links), streams decoded, references followed by what they point
//! at rather than by number; and the document catalog (what opens with the file, which layers
//! are shown), so a re-save that adds an action or hides a layer is a change.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use sha2::{Digest, Sha256};

/// The most one stream may decode to, and the most all the streams of a digest may decode to
/// together: far above any pack carecheck makes, far below what would exhaust memory.
const MOST_DECODED: usize = 64 * 1024 * 1024;
const MOST_DECODED_IN_ALL: usize = 256 * 1024 * 1024;
/// Deeper than any real PDF nests dictionaries and arrays; deeper would risk the stack.
const DEEPEST: usize = 64;
/// The page attributes a page may inherit from the page tree (PDF 32000-1, table 30).
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// A parsed PDF.
pub struct Pdf {
    doc: Document,
}

/// Parses `bytes` as a PDF. The message says why not, for "FILE: …".
pub fn read(bytes: &[u8]) -> Result<Pdf, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(MOST_DECODED),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("cannot be read as a PDF ({e})"))?;
    if doc.is_encrypted() {
        return Err("is encrypted; carecheck never encrypts a PDF it makes".to_owned());
    }
    Ok(Pdf { doc })
}

impl Pdf {
    /// A string in the document information dictionary, as its bytes (`None` when absent or
    /// not a string).
    pub fn info(&self, key: &str) -> Option<Vec<u8>> {
        let info = self.doc.trailer.get_deref(b"Info", &self.doc).ok()?;
        let value = info
            .as_dict()
            .ok()?
            .get_deref(key.as_bytes(), &self.doc)
            .ok()?;
        value.as_str().ok().map(<[u8]>::to_vec)
    }

    /// A text string in the document information (`/Producer`), decoded as PDF text strings
    /// are: UTF-16 after a byte-order mark, else one byte a character.
    pub fn info_text(&self, key: &str) -> Option<String> {
        let bytes = self.info(key)?;
        Some(match bytes.strip_prefix(&[0xfe, 0xff]) {
            Some(utf16) => {
                let units: Vec<u16> = utf16
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            None => bytes.iter().map(|&b| char::from(b)).collect(),
        })
    }

    /// How many pages it has.
    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// SHA-256 (hex) of `label`, then of every page in order as a reader sees it (see the
    /// module's note). Fails on a PDF too large or too deeply nested to walk safely.
    pub fn content_digest(&self, label: &[u8]) -> Result<String, String> {
        let pages: Vec<ObjectId> = self.doc.get_pages().into_values().collect();
        let mut walk = Walk {
            doc: &self.doc,
            pages: pages.iter().enumerate().map(|(i, id)| (*id, i)).collect(),
            done: HashMap::new(),
            open: HashSet::new(),
            decoded: 0,
        };
        let mut all = Sha256::new();
        all.update(b"carecheck content v1\n");
        all.update(label.len().to_string().as_bytes());
        all.update(b":");
        all.update(label);
        all.update(pages.len().to_string().as_bytes());
        for id in &pages {
            let page = self.doc.get_dictionary(*id).map_err(|e| e.to_string())?;
            let page = self.with_inherited(page);
            all.update(walk.dictionary(&page, 0)?);
        }
        // The document catalog too, but for the page tree (hashed page by page above): what
        // opens with the file, which layers are shown, forms, outlines.
        let mut catalog = self.doc.catalog().map_err(|e| e.to_string())?.clone();
        catalog.remove(b"Pages");
        all.update(walk.dictionary(&catalog, 0)?);
        Ok(hex(&all.finalize()))
    }

    /// The page's dictionary with what it inherits from the page tree written into it, so a
    /// page is the same whether an attribute sits on it or on its parent.
    fn with_inherited(&self, page: &Dictionary) -> Dictionary {
        let mut page = page.clone();
        let mut parent = page.get(b"Parent").and_then(Object::as_reference).ok();
        let mut steps = 0;
        while let Some(id) = parent {
            steps += 1;
            let Ok(node) = self.doc.get_dictionary(id) else {
                break;
            };
            if steps > DEEPEST {
                break;
            }
            for key in INHERITED {
                if !page.has(key)
                    && let Ok(value) = node.get(key)
                {
                    page.set(key.to_vec(), value.clone());
                }
            }
            parent = node.get(b"Parent").and_then(Object::as_reference).ok();
        }
        page
    }
}

/// Hashes objects so that equal content gives equal digests however it is stored.
struct Walk<'a> {
    doc: &'a Document,
    /// Each page's place: a reference to a page is written as its number, never walked.
    pages: HashMap<ObjectId, usize>,
    done: HashMap<ObjectId, [u8; 32]>,
    /// Objects being walked, to cut a loop of references.
    open: HashSet<ObjectId>,
    decoded: usize,
}

type Hash = [u8; 32];

impl Walk<'_> {
    fn object(&mut self, object: &Object, depth: usize) -> Result<Hash, String> {
        if depth > DEEPEST {
            return Err("its objects are nested too deeply to check".to_owned());
        }
        let mut h = Sha256::new();
        match object {
            Object::Null => h.update(b"null"),
            Object::Boolean(b) => h.update(if *b { &b"true"[..] } else { b"false" }),
            // Integers and reals alike: a re-save may write 1.0 as 1.
            Object::Integer(n) => h.update(format!("num {}", *n as f64).as_bytes()),
            Object::Real(r) => h.update(format!("num {}", f64::from(*r)).as_bytes()),
            Object::Name(name) => {
                h.update(b"name ");
                h.update(name);
            }
            Object::String(text, _) => {
                h.update(b"string ");
                h.update(text);
            }
            Object::Array(items) => {
                h.update(b"array");
                for item in items {
                    h.update(self.object(item, depth + 1)?);
                }
            }
            Object::Dictionary(dict) => return self.dictionary(dict, depth),
            Object::Stream(stream) => {
                let (content, decoded) = match stream.decompressed_content_with_limit(MOST_DECODED)
                {
                    Ok(content) => (content, true),
                    Err(lopdf::Error::Decompress(
                        lopdf::DecompressError::MemoryLimitExceeded { .. },
                    )) => {
                        return Err("a stream in it decodes to too much to check".to_owned());
                    }
                    // A filter lopdf does not decode (a JPEG picture), or a damaged stream:
                    // compare it as stored.
                    Err(_) => (stream.content.clone(), false),
                };
                self.decoded += content.len();
                if self.decoded > MOST_DECODED_IN_ALL {
                    return Err("its streams decode to too much to check".to_owned());
                }
                let mut dict = stream.dict.clone();
                dict.remove(b"Length");
                if decoded {
                    dict.remove(b"Filter");
                    dict.remove(b"DecodeParms");
                }
                h.update(b"stream");
                h.update(self.dictionary(&dict, depth + 1)?);
                h.update(Sha256::digest(&content));
            }
            Object::Reference(id) => return self.reference(*id, depth),
        }
        Ok(h.finalize().into())
    }

    fn dictionary(&mut self, dict: &Dictionary, depth: usize) -> Result<Hash, String> {
        let mut entries: Vec<(&Vec<u8>, &Object)> = dict
            .iter()
            // The page tree's back-links: the page order is already hashed.
            .filter(|(key, _)| key.as_slice() != b"Parent")
            .collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut h = Sha256::new();
        h.update(b"dict");
        for (key, value) in entries {
            h.update(Sha256::digest(key));
            h.update(self.object(value, depth + 1)?);
        }
        Ok(h.finalize().into())
    }

    fn reference(&mut self, id: ObjectId, depth: usize) -> Result<Hash, String> {
        if let Some(page) = self.pages.get(&id) {
            return Ok(Sha256::digest(format!("page {page}").as_bytes()).into());
        }
        if let Some(done) = self.done.get(&id) {
            return Ok(*done);
        }
        if !self.open.insert(id) {
            return Ok(Sha256::digest(b"loop").into());
        }
        let hash = match self.doc.get_object(id) {
            Ok(object) => self.object(object, depth)?,
            Err(_) => Sha256::digest(b"missing").into(),
        };
        self.open.remove(&id);
        self.done.insert(id, hash);
        Ok(hash)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
