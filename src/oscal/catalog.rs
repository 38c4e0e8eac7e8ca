//! The parts of an OSCAL catalog that carecheck reads, as typed structures filled straight from
//! the JSON bytes as they are parsed.
//!
//! No tree of the whole document is built first: serde_json hands each field to the structure
//! that wants it, text without escapes is borrowed from the input rather than copied, and
//! everything carecheck does not use (uuids, links, back-matter, dates) is skipped as it is read.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Text from the catalog, borrowed from the input bytes when it has no escapes (serde's own
/// `Cow` support borrows only a bare `Cow` field, not one inside an `Option` or a list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(text)))
            }

            // A list where text belongs is read to its end before it is refused, through the
            // parser's nesting limit, so a deeply nested one is named as such.
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Text<'a>, S::Error> {
                while seq.next_element::<Nested>()?.is_some() {}
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }
        }
        deserializer.deserialize_any(TextVisitor(std::marker::PhantomData))
    }
}

/// Any JSON value, read and dropped within the parser's nesting limit (serde's `IgnoredAny`
/// skips without one, which is right for fields carecheck does not use but would hide how
/// deep a wrongly placed value goes).
struct Nested;

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NestedVisitor;
        impl<'de> Visitor<'de> for NestedVisitor {
            type Value = Nested;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }

            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Nested, S::Error> {
                while seq.next_element::<Nested>()?.is_some() {}
                Ok(Nested)
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Nested, M::Error> {
                while map.next_entry::<IgnoredAny, Nested>()?.is_some() {}
                Ok(Nested)
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Nested, E> {
                Ok(Nested)
            }

            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Nested, E> {
                Ok(Nested)
            }

            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Nested, E> {
                Ok(Nested)
            }

            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Nested, E> {
                Ok(Nested)
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Nested, E> {
                Ok(Nested)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Nested, E> {
                Ok(Nested)
            }
        }
        deserializer.deserialize_any(NestedVisitor)
    }
}

/// What the top of an OSCAL JSON file turned out to be.
pub enum Document<'a> {
    Catalog(Catalog<'a>),
    /// Another OSCAL model (its top-level key), such as a profile.
    OtherModel(&'static str),
    /// Not an object, or an object with none of the OSCAL models' keys.
    NotOscal,
}

/// The top-level keys of the OSCAL models that are not catalogs.
const OTHER_MODELS: &[&str] = &[
    "profile",
    "component-definition",
    "system-security-plan",
    "assessment-plan",
    "assessment-results",
    "plan-of-action-and-milestones",
];

#[derive(Deserialize, Default)]
pub struct Catalog<'a> {
    #[serde(borrow)]
    pub metadata: Option<Metadata<'a>>,
    #[serde(borrow, default)]
    pub params: Vec<Param<'a>>,
    #[serde(borrow, default)]
    pub groups: Vec<Group<'a>>,
    #[serde(borrow, default)]
    pub controls: Vec<Control<'a>>,
}

#[derive(Deserialize)]
pub struct Metadata<'a> {
    #[serde(borrow)]
    pub title: Option<Text<'a>>,
    #[serde(borrow)]
    pub version: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub parties: Vec<Party<'a>>,
}

#[derive(Deserialize)]
pub struct Party<'a> {
    #[serde(borrow)]
    pub name: Option<Text<'a>>,
}

#[derive(Deserialize)]
pub struct Group<'a> {
    #[serde(borrow)]
    pub id: Option<Text<'a>>,
    #[serde(borrow)]
    pub title: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub params: Vec<Param<'a>>,
    #[serde(borrow, default)]
    pub groups: Vec<Group<'a>>,
    #[serde(borrow, default)]
    pub controls: Vec<Control<'a>>,
}

#[derive(Deserialize)]
pub struct Control<'a> {
    #[serde(borrow)]
    pub id: Option<Text<'a>>,
    #[serde(borrow)]
    pub title: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub params: Vec<Param<'a>>,
    #[serde(borrow, default)]
    pub props: Vec<Prop<'a>>,
    #[serde(borrow, default)]
    pub parts: Vec<Part<'a>>,
    #[serde(borrow, default)]
    pub controls: Vec<Control<'a>>,
}

#[derive(Deserialize)]
pub struct Param<'a> {
    #[serde(borrow)]
    pub id: Option<Text<'a>>,
    #[serde(borrow)]
    pub label: Option<Text<'a>>,
    #[serde(borrow)]
    pub select: Option<Select<'a>>,
}

#[derive(Deserialize)]
pub struct Select<'a> {
    #[serde(borrow, rename = "how-many")]
    pub how_many: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub choice: Vec<Text<'a>>,
}

#[derive(Deserialize)]
pub struct Prop<'a> {
    #[serde(borrow)]
    pub name: Option<Text<'a>>,
    #[serde(borrow)]
    pub value: Option<Text<'a>>,
}

#[derive(Deserialize)]
pub struct Part<'a> {
    #[serde(borrow)]
    pub name: Option<Text<'a>>,
    #[serde(borrow)]
    pub prose: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub props: Vec<Prop<'a>>,
    #[serde(borrow, default)]
    pub parts: Vec<Part<'a>>,
}

/// The value of the first property called `name`, as OSCAL writes labels and statuses.
pub fn prop<'p>(props: &'p [Prop<'_>], name: &str) -> Option<&'p str> {
    props
        .iter()
        .find(|p| p.name.as_deref() == Some(name))?
        .value
        .as_deref()
}

/// Trimmed text, or `None` when absent or blank.
pub fn text<'t>(value: &'t Option<Text<'_>>) -> Option<&'t str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl<'de: 'a, 'a> Deserialize<'de> for Document<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocumentVisitor(std::marker::PhantomData))
    }
}

struct DocumentVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for DocumentVisitor<'a> {
    type Value = Document<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an OSCAL document")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut catalog = None;
        let mut other = None;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if &*key == "catalog" {
                catalog = Some(map.next_value::<Catalog<'a>>()?);
            } else {
                if other.is_none() {
                    other = OTHER_MODELS.iter().find(|m| **m == &*key).copied();
                }
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(match (catalog, other) {
            (Some(catalog), _) => Document::Catalog(catalog),
            (None, Some(model)) => Document::OtherModel(model),
            (None, None) => Document::NotOscal,
        })
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Document::NotOscal)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Document::NotOscal)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Document::NotOscal)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Document::NotOscal)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Document::NotOscal)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Document::NotOscal)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Document::NotOscal)
    }
}
