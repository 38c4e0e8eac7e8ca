//! The PDF's logical structure (a tagged PDF, PDF/UA-1): what a screen reader follows instead
//! of the drawn page. The writer ([`super::pdf`]) asks a [`Builder`] for a marked-content id
//! (MCID) for each thing it draws, in drawing order, which is the reading order; the builder
//! grows the structure tree (Document > H1, P, Table > TR > TH/TD, Figure, Link) from the
//! layout's marks. [`apply`] then writes the tree into the document printpdf made: the
//! StructTreeRoot and its ParentTree, each page's /StructParents and /Tabs, the link
//! annotations as objects the tree can point at, /MarkInfo, /ViewerPreferences and the XMP
//! metadata with the PDF/UA identification. printpdf has no structure tree of its own, so this
//! is a thin layer over the objects it writes.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::layout::{Mark, Role};

/// A structure element's kind, as the PDF names it.
fn struct_type(role: &Role) -> String {
    match role {
        Role::Heading(level) => format!("H{}", (*level).clamp(1, 6)),
        Role::Paragraph => "P".into(),
        Role::Table => "Table".into(),
        Role::Row => "TR".into(),
        Role::HeaderCell => "TH".into(),
        Role::Cell => "TD".into(),
        Role::Figure(_) => "Figure".into(),
        Role::List => "L".into(),
        Role::ListItem => "LI".into(),
        Role::ListBody => "LBody".into(),
        Role::Link => "Link".into(),
        Role::Artifact => "Artifact".into(),
    }
}

/// One element of the tree: its kind, where it hangs, and what it holds in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub kind: String,
    /// What a figure shows, in words (/Alt), or a link's text (the annotation's /Contents).
    pub alt: Option<String>,
    pub parent: usize,
    pub kids: Vec<Kid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Element(usize),
    /// Marked content on a page (0-based), by its MCID.
    Content {
        page: usize,
        mcid: i64,
    },
    /// The `index`th link annotation on a page.
    Annotation {
        page: usize,
        index: usize,
    },
}

/// How a drawn thing is to be marked in the content stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marking {
    /// `/Artifact BMC … EMC`: page furniture a reader skips.
    Artifact,
    /// `/<kind> <</MCID n>> BDC … EMC`.
    Content { kind: String, mcid: i64 },
    /// Inside the marked content just begun: the next part of the same figure, or more
    /// furniture. (Lines of text each have their own: a reader takes the break between two
    /// as a word break, which it would not inside one sequence.)
    Continue,
}

/// What the last thing drawn was marked as, for [`Marking::Continue`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Content { element: usize, page: usize },
    Artifact { page: usize },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Frame {
    Element(usize),
    Artifact,
}

/// Grows the tree as the pages are drawn. Element 0 is the Document.
#[derive(Debug)]
pub struct Builder {
    elements: Vec<Element>,
    stack: Vec<Frame>,
    /// The cells of the table row being drawn, for a row that runs on to the next page.
    row_cells: Vec<usize>,
    /// The next MCID on each page, and how many link annotations each page has.
    next_mcid: Vec<i64>,
    annotations: Vec<usize>,
    last: Option<Last>,
    /// The layout's levels of the headings whose sections are open, outermost first.
    sections: Vec<u8>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            elements: vec![Element {
                kind: "Document".into(),
                alt: None,
                parent: 0,
                kids: Vec::new(),
            }],
            stack: Vec::new(),
            row_cells: Vec::new(),
            next_mcid: Vec::new(),
            annotations: Vec::new(),
            last: None,
            sections: Vec::new(),
        }
    }

    /// The element things drawn now belong to, if any besides the Document.
    fn current(&self) -> Option<usize> {
        match self.stack.last() {
            Some(Frame::Element(e)) => Some(*e),
            _ => None,
        }
    }

    fn in_artifact(&self) -> bool {
        self.stack.contains(&Frame::Artifact)
    }

    fn open(&mut self, kind: String, alt: Option<String>) -> usize {
        let parent = self.current().unwrap_or(0);
        let id = self.elements.len();
        self.elements.push(Element {
            kind,
            alt,
            parent,
            kids: Vec::new(),
        });
        self.elements[parent].kids.push(Kid::Element(id));
        self.stack.push(Frame::Element(id));
        id
    }

    /// Follows one of the layout's marks.
    pub fn mark(&mut self, mark: &Mark) {
        self.last = None;
        match mark {
            Mark::Begin(Role::Artifact) => self.stack.push(Frame::Artifact),
            Mark::Begin(role) => {
                let alt = match role {
                    Role::Figure(alt) => Some(alt.clone()),
                    _ => None,
                };
                // A heading never skips a level in the tree (a questionnaire's numbered
                // questions, set as level 3 under its title, are H2 to a reader): a reader
                // navigating by level would take a skipped one for a missing section.
                let role = match role {
                    Role::Heading(level) => {
                        while self.sections.last().is_some_and(|open| open >= level) {
                            self.sections.pop();
                        }
                        self.sections.push(*level);
                        &Role::Heading(u8::try_from(self.sections.len()).unwrap_or(6))
                    }
                    other => other,
                };
                let id = self.open(struct_type(role), alt);
                match role {
                    Role::Row => self.row_cells.clear(),
                    Role::HeaderCell | Role::Cell => self.row_cells.push(id),
                    _ => {}
                }
            }
            Mark::Resume(n) => match self.row_cells.get(*n) {
                Some(&cell) => self.stack.push(Frame::Element(cell)),
                // A cell that was never begun: a new one keeps the marks balanced.
                None => {
                    self.open("TD".into(), None);
                }
            },
            Mark::End => {
                self.stack.pop();
            }
        }
    }

    fn page(&mut self, page: usize) {
        if self.next_mcid.len() <= page {
            self.next_mcid.resize(page + 1, 0);
            self.annotations.resize(page + 1, 0);
        }
    }

    fn content_in(&mut self, element: usize, page: usize, merge: bool) -> Marking {
        let last = Last::Content { element, page };
        if merge && self.last == Some(last) {
            return Marking::Continue;
        }
        self.last = Some(last);
        self.page(page);
        let mcid = self.next_mcid[page];
        self.next_mcid[page] += 1;
        self.elements[element]
            .kids
            .push(Kid::Content { page, mcid });
        Marking::Content {
            kind: self.elements[element].kind.clone(),
            mcid,
        }
    }

    /// How to mark text drawn now on `page`: inside the open element, or as a paragraph of its
    /// own when nothing is open (text placed outside the flow, such as a card's side note).
    pub fn text(&mut self, page: usize) -> Marking {
        if self.in_artifact() {
            return self.artifact(page);
        }
        match self.current() {
            Some(e) => self.content_in(e, page, false),
            None => {
                let e = self.open("P".into(), None);
                self.stack.pop();
                self.content_in(e, page, false)
            }
        }
    }

    /// How to mark a shape drawn now: part of a figure, or else decoration (shading, rules,
    /// a box to write in).
    pub fn shape(&mut self, page: usize) -> Marking {
        match self.current() {
            Some(e) if !self.in_artifact() && self.elements[e].kind == "Figure" => {
                self.content_in(e, page, true)
            }
            _ => self.artifact(page),
        }
    }

    fn artifact(&mut self, page: usize) -> Marking {
        let last = Last::Artifact { page };
        if self.last == Some(last) {
            return Marking::Continue;
        }
        self.last = Some(last);
        Marking::Artifact
    }

    /// A link annotation on `page` over text that follows: opens a Link element holding the
    /// annotation, for the text's marking; [`Builder::end_link`] closes it.
    pub fn begin_link(&mut self, page: usize, text: &str) {
        self.last = None;
        self.page(page);
        let index = self.annotations[page];
        self.annotations[page] += 1;
        if self.in_artifact() {
            self.stack.push(Frame::Artifact);
            return;
        }
        let id = self.open("Link".into(), Some(text.to_owned()));
        self.elements[id].kids.push(Kid::Annotation { page, index });
    }

    pub fn end_link(&mut self) {
        self.last = None;
        self.stack.pop();
    }

    /// The finished tree: every element in the order opened (0 the Document).
    pub fn finish(self) -> Vec<Element> {
        self.elements
    }
}

/// A PDF text string: ASCII as it is, anything else as UTF-16BE with a byte order mark.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// What [`apply`] needs besides the tree.
pub struct Properties<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub producer: &'a str,
}

/// Writes `elements` (from [`Builder::finish`]) into `doc`, whose pages' content streams carry
/// the MCIDs the builder gave, and marks the document as tagged and PDF/UA-1.
pub fn apply(doc: &mut Document, elements: &[Element], properties: &Properties<'_>) {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let ids: Vec<ObjectId> = elements.iter().map(|_| doc.new_object_id()).collect();
    let root_id = doc.new_object_id();
    let annotations = annotation_objects(doc, &pages);
    // The ParentTree: for each page, the element of each MCID; then each annotation's element.
    let mut owners: Vec<Vec<(i64, ObjectId)>> = vec![Vec::new(); pages.len()];
    let mut annotation_owners: Vec<(ObjectId, ObjectId)> = Vec::new();
    for (element, id) in elements.iter().zip(&ids) {
        for kid in &element.kids {
            match *kid {
                Kid::Content { page, mcid } if page < pages.len() => owners[page].push((mcid, *id)),
                Kid::Annotation { page, index } => {
                    if let Some(annot) = annotations.get(page).and_then(|a| a.get(index)) {
                        annotation_owners.push((*annot, *id));
                        // What the link says, for a reader that lists the links.
                        if let (Some(text), Ok(dict)) =
                            (&element.alt, doc.get_dictionary_mut(*annot))
                        {
                            dict.set("Contents", text_string(text));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut nums = Vec::new();
    for (page, owned) in owners.iter_mut().enumerate() {
        owned.sort_by_key(|(mcid, _)| *mcid);
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            owned.iter().map(|(_, id)| Object::Reference(*id)).collect(),
        ));
    }
    let mut next_key = pages.len() as i64;
    for (annot, element) in &annotation_owners {
        nums.push(Object::Integer(next_key));
        nums.push(Object::Reference(*element));
        if let Ok(dict) = doc.get_dictionary_mut(*annot) {
            dict.set("StructParent", next_key);
        }
        next_key += 1;
    }
    for ((index, element), id) in elements.iter().enumerate().zip(&ids) {
        let dict = element_dict((index, element), &ids, root_id, &pages, &annotations);
        doc.objects.insert(*id, Object::Dictionary(dict));
    }
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    root.set("K", Object::Reference(ids[0]));
    root.set("ParentTree", Object::Reference(parent_tree));
    root.set("ParentTreeNextKey", next_key);
    doc.objects.insert(root_id, Object::Dictionary(root));
    for (index, page) in pages.iter().enumerate() {
        if let Ok(dict) = doc.get_dictionary_mut(*page) {
            dict.set("StructParents", index as i64);
            if annotations.get(index).is_some_and(|a| !a.is_empty()) {
                dict.set("Tabs", Object::Name(b"S".to_vec()));
            }
        }
    }
    let metadata = doc.add_object(Object::Stream(
        Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Metadata".to_vec())),
                ("Subtype", Object::Name(b"XML".to_vec())),
            ]),
            xmp(properties).into_bytes(),
        )
        .with_compression(false),
    ));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
        );
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
        );
        catalog.set("Metadata", Object::Reference(metadata));
    }
}

/// printpdf writes each page's link annotations inline in its /Annots; the structure tree must
/// point at them, so each becomes an object of its own. Returns each page's, in order.
fn annotation_objects(doc: &mut Document, pages: &[ObjectId]) -> Vec<Vec<ObjectId>> {
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let inline: Vec<Object> = doc
            .get_dictionary(*page)
            .ok()
            .and_then(|d| d.get(b"Annots").ok())
            .and_then(|a| a.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let mut ids = Vec::with_capacity(inline.len());
        for annot in inline {
            let id = match annot {
                Object::Reference(id) => id,
                Object::Dictionary(mut dict) => {
                    dict.set("P", Object::Reference(*page));
                    doc.add_object(Object::Dictionary(dict))
                }
                _ => continue,
            };
            ids.push(id);
        }
        if let Ok(dict) = doc.get_dictionary_mut(*page)
            && !ids.is_empty()
        {
            dict.set(
                "Annots",
                Object::Array(ids.iter().map(|id| Object::Reference(*id)).collect()),
            );
        }
        out.push(ids);
    }
    out
}

/// An element's dictionary: its kind, parent, page, kids and attributes.
fn element_dict(
    (index, element): (usize, &Element),
    ids: &[ObjectId],
    root: ObjectId,
    pages: &[ObjectId],
    annotations: &[Vec<ObjectId>],
) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"StructElem".to_vec()));
    dict.set("S", Object::Name(element.kind.clone().into_bytes()));
    let parent = if index == 0 {
        root
    } else {
        ids[element.parent]
    };
    dict.set("P", Object::Reference(parent));
    let first_page = element.kids.iter().find_map(|k| match k {
        Kid::Content { page, .. } | Kid::Annotation { page, .. } => pages.get(*page).copied(),
        Kid::Element(_) => None,
    });
    if let Some(page) = first_page {
        dict.set("Pg", Object::Reference(page));
    }
    let kids: Vec<Object> = element
        .kids
        .iter()
        .filter_map(|kid| match *kid {
            Kid::Element(e) => ids.get(e).map(|id| Object::Reference(*id)),
            Kid::Content { page, mcid } => {
                let on = pages.get(page).copied()?;
                if Some(on) == first_page {
                    Some(Object::Integer(mcid))
                } else {
                    Some(Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", Object::Name(b"MCR".to_vec())),
                        ("Pg", Object::Reference(on)),
                        ("MCID", Object::Integer(mcid)),
                    ])))
                }
            }
            Kid::Annotation { page, index } => {
                let annot = annotations.get(page).and_then(|a| a.get(index)).copied()?;
                Some(Object::Dictionary(Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"OBJR".to_vec())),
                    ("Pg", Object::Reference(pages.get(page).copied()?)),
                    ("Obj", Object::Reference(annot)),
                ])))
            }
        })
        .collect();
    // A single kid stands alone (some checkers read an array of one as no content).
    match <[Object; 1]>::try_from(kids) {
        Ok([kid]) => dict.set("K", kid),
        Err(kids) => dict.set("K", Object::Array(kids)),
    }
    match element.kind.as_str() {
        "Figure" => {
            if let Some(alt) = &element.alt {
                dict.set("Alt", text_string(alt));
            }
        }
        "TH" => dict.set(
            "A",
            Dictionary::from_iter(vec![
                ("O", Object::Name(b"Table".to_vec())),
                ("Scope", Object::Name(b"Column".to_vec())),
            ]),
        ),
        _ => {}
    }
    dict
}

/// The XMP metadata: the title and author as the document information has them, and the
/// PDF/UA-1 identification.
fn xmp(p: &Properties<'_>) -> String {
    let x = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{producer}</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = x(p.title),
        author = x(p.author),
        subject = x(p.subject),
        producer = x(p.producer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::{Mark, Role};

    fn content(page: usize, mcid: i64) -> Kid {
        Kid::Content { page, mcid }
    }

    fn kinds(elements: &[Element]) -> Vec<(&str, usize)> {
        elements
            .iter()
            .map(|e| (e.kind.as_str(), e.parent))
            .collect()
    }

    /// A heading, a table whose second row runs onto the next page, and a running head.
    fn drawn() -> Vec<Element> {
        let mut b = Builder::new();
        b.mark(&Mark::Begin(Role::Artifact));
        assert_eq!(b.text(0), Marking::Artifact);
        assert_eq!(b.shape(0), Marking::Continue);
        b.mark(&Mark::End);
        b.mark(&Mark::Begin(Role::Heading(1)));
        assert_eq!(
            b.text(0),
            Marking::Content {
                kind: "H1".into(),
                mcid: 0
            }
        );
        // A wrapped heading's second line is marked content of its own.
        assert_eq!(
            b.text(0),
            Marking::Content {
                kind: "H1".into(),
                mcid: 1
            }
        );
        b.mark(&Mark::End);
        b.mark(&Mark::Begin(Role::Table));
        b.mark(&Mark::Begin(Role::Row));
        for _ in 0..2 {
            b.mark(&Mark::Begin(Role::HeaderCell));
            b.text(0);
            b.mark(&Mark::End);
        }
        b.mark(&Mark::End);
        b.mark(&Mark::Begin(Role::Row));
        // Shading is decoration, even inside a table.
        assert_eq!(b.shape(0), Marking::Artifact);
        for _ in 0..2 {
            b.mark(&Mark::Begin(Role::Cell));
            b.text(0);
            b.mark(&Mark::End);
        }
        // The next page: the header repeats as furniture, then the row's cells go on.
        b.mark(&Mark::Begin(Role::Artifact));
        assert_eq!(b.text(1), Marking::Artifact);
        b.mark(&Mark::End);
        for n in 0..2 {
            b.mark(&Mark::Resume(n));
            b.text(1);
            b.mark(&Mark::End);
        }
        b.mark(&Mark::End);
        b.mark(&Mark::End);
        b.mark(&Mark::Begin(Role::Figure("Bar: 3 met".into())));
        assert_eq!(
            b.shape(1),
            Marking::Content {
                kind: "Figure".into(),
                mcid: 2
            }
        );
        // A bar's parts are one figure's one piece of content.
        assert_eq!(b.shape(1), Marking::Continue);
        b.mark(&Mark::End);
        // Text outside any mark is a paragraph of its own.
        assert_eq!(
            b.text(1),
            Marking::Content {
                kind: "P".into(),
                mcid: 3
            }
        );
        b.finish()
    }

    #[test]
    fn roles_nest_as_marked_and_resumed_cells_are_the_same_cells() {
        let elements = drawn();
        assert_eq!(
            kinds(&elements),
            [
                ("Document", 0),
                ("H1", 0),
                ("Table", 0),
                ("TR", 2),
                ("TH", 3),
                ("TH", 3),
                ("TR", 2),
                ("TD", 6),
                ("TD", 6),
                ("Figure", 0),
                ("P", 0),
            ]
        );
        assert_eq!(
            elements[0].kids,
            [
                Kid::Element(1),
                Kid::Element(2),
                Kid::Element(9),
                Kid::Element(10)
            ]
        );
        assert_eq!(elements[2].kids, [Kid::Element(3), Kid::Element(6)]);
        // Each page numbers its marked content from 0; artifacts take no number.
        assert_eq!(elements[1].kids, [content(0, 0), content(0, 1)]);
        assert_eq!(elements[4].kids, [content(0, 2)]);
        assert_eq!(elements[5].kids, [content(0, 3)]);
        assert_eq!(elements[7].kids, [content(0, 4), content(1, 0)]);
        assert_eq!(elements[8].kids, [content(0, 5), content(1, 1)]);
        assert_eq!(elements[9].alt.as_deref(), Some("Bar: 3 met"));
        assert_eq!(elements[9].kids, [content(1, 2)]);
    }

    #[test]
    fn heading_levels_never_skip_one() {
        let mut b = Builder::new();
        for level in [3, 1, 3, 3, 2, 4, 1, 2, 3] {
            b.mark(&Mark::Begin(Role::Heading(level)));
            b.text(0);
            b.mark(&Mark::End);
        }
        let elements = b.finish();
        let levels: Vec<&str> = elements[1..].iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            levels,
            ["H1", "H1", "H2", "H2", "H2", "H3", "H1", "H2", "H3"]
        );
    }

    #[test]
    fn a_link_holds_its_annotation_and_its_words() {
        let mut b = Builder::new();
        b.mark(&Mark::Begin(Role::Paragraph));
        b.text(0);
        b.begin_link(0, "1.1.1");
        assert_eq!(
            b.text(0),
            Marking::Content {
                kind: "Link".into(),
                mcid: 1
            }
        );
        b.end_link();
        b.text(0);
        b.mark(&Mark::End);
        let elements = b.finish();
        assert_eq!(kinds(&elements), [("Document", 0), ("P", 0), ("Link", 1)]);
        assert_eq!(
            elements[1].kids,
            [content(0, 0), Kid::Element(2), content(0, 2)]
        );
        assert_eq!(
            elements[2].kids,
            [Kid::Annotation { page: 0, index: 0 }, content(0, 1)]
        );
        assert_eq!(elements[2].alt.as_deref(), Some("1.1.1"));
    }

    /// A two-page document as printpdf leaves it: pages with inline link annotations.
    fn document() -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let link = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Link".to_vec())),
        ]);
        let mut pages = Vec::new();
        for annots in [vec![], vec![Object::Dictionary(link)]] {
            let page = doc.add_object(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(pages_id)),
                ("Annots", Object::Array(annots)),
            ]));
            pages.push(page);
        }
        doc.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                (
                    "Kids",
                    Object::Array(pages.iter().map(|p| Object::Reference(*p)).collect()),
                ),
                ("Count", Object::Integer(2)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
        ]));
        doc.trailer.set("Root", catalog);
        (doc, pages)
    }

    fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> &'a Object {
        let object = dict.get(key).expect("key");
        match object {
            Object::Reference(id) => doc.get_object(*id).expect("object"),
            other => other,
        }
    }

    #[test]
    fn the_parent_tree_maps_each_pages_mcids_and_each_link_to_its_element() {
        let (mut doc, pages) = document();
        let mut b = Builder::new();
        b.mark(&Mark::Begin(Role::Heading(1)));
        b.text(0);
        b.mark(&Mark::End);
        b.mark(&Mark::Begin(Role::Paragraph));
        b.text(1);
        b.begin_link(1, "Item 1.1.1");
        b.text(1);
        b.end_link();
        b.mark(&Mark::End);
        let elements = b.finish();
        let properties = Properties {
            title: "Evidence pack & <plan>",
            author: "Oak House",
            subject: "s",
            producer: "carecheck",
        };
        apply(&mut doc, &elements, &properties);
        let catalog = doc.catalog().expect("catalog").clone();
        let root = get(&doc, &catalog, b"StructTreeRoot")
            .as_dict()
            .expect("root")
            .clone();
        let nums = get(&doc, &root, b"ParentTree")
            .as_dict()
            .expect("tree")
            .get(b"Nums")
            .expect("nums")
            .as_array()
            .expect("array")
            .clone();
        // The element each reference names, by kind.
        let kind = |o: &Object| {
            let id = o.as_reference().expect("reference");
            let dict = doc.get_dictionary(id).expect("element");
            String::from_utf8(dict.get(b"S").expect("S").as_name().expect("name").to_vec())
                .expect("utf-8")
        };
        let named =
            |o: &Object| -> Vec<String> { o.as_array().expect("array").iter().map(kind).collect() };
        assert_eq!(nums[0].as_i64().expect("key"), 0);
        assert_eq!(named(&nums[1]), ["H1"]);
        assert_eq!(nums[2].as_i64().expect("key"), 1);
        assert_eq!(named(&nums[3]), ["P", "Link"]);
        assert_eq!(nums[4].as_i64().expect("key"), 2);
        assert_eq!(kind(&nums[5]), "Link");
        assert_eq!(
            root.get(b"ParentTreeNextKey").expect("next").as_i64().ok(),
            Some(3)
        );
        // The link annotation is an object of its own, pointed at by an OBJR, with its words.
        let page = doc.get_dictionary(pages[1]).expect("page");
        assert_eq!(
            page.get(b"StructParents").expect("sp").as_i64().ok(),
            Some(1)
        );
        assert_eq!(
            page.get(b"Tabs").expect("tabs").as_name().ok(),
            Some(&b"S"[..])
        );
        let annot_id = page
            .get(b"Annots")
            .expect("annots")
            .as_array()
            .expect("array")[0]
            .as_reference()
            .expect("indirect");
        let annot = doc.get_dictionary(annot_id).expect("annot");
        assert_eq!(
            annot.get(b"StructParent").expect("sp").as_i64().ok(),
            Some(2)
        );
        assert_eq!(
            annot.get(b"Contents").expect("contents").as_str().ok(),
            Some(&b"Item 1.1.1"[..])
        );
        let link = doc
            .get_dictionary(nums[5].as_reference().expect("ref"))
            .expect("link");
        let kids = link.get(b"K").expect("K").as_array().expect("kids");
        let objr = kids[0].as_dict().expect("objr");
        assert_eq!(
            objr.get(b"Obj").expect("obj").as_reference().ok(),
            Some(annot_id)
        );
        assert_eq!(kids[1].as_i64().ok(), Some(1));
        // Marked, titled in the window, and PDF/UA-1 in the XMP (with the title escaped).
        let marked = get(&doc, &catalog, b"MarkInfo")
            .as_dict()
            .expect("markinfo");
        assert_eq!(marked.get(b"Marked").expect("m").as_bool().ok(), Some(true));
        let xmp = get(&doc, &catalog, b"Metadata").as_stream().expect("xmp");
        let text = String::from_utf8(xmp.content.clone()).expect("utf-8");
        assert!(text.contains("<pdfuaid:part>1</pdfuaid:part>"), "{text}");
        assert!(
            text.contains(
                r#"<rdf:li xml:lang="x-default">Evidence pack &amp; &lt;plan&gt;</rdf:li>"#
            ),
            "{text}"
        );
    }

    #[test]
    fn text_strings_outside_ascii_are_utf16_with_a_byte_order_mark() {
        assert_eq!(
            text_string("£1"),
            Object::String(
                vec![0xFE, 0xFF, 0, 0xA3, 0, b'1'],
                StringFormat::Hexadecimal
            )
        );
        assert_eq!(
            text_string("ok"),
            Object::String(b"ok".to_vec(), StringFormat::Literal)
        );
    }
}
