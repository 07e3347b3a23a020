//! What PDF/A-2b (ISO 19005-2, level B: the pages look the same wherever and whenever they
//! are opened) asks beyond a well-formed PDF 1.7 with embedded fonts: the colours' meaning
//! (an output intent with the sRGB profile, since every colour is DeviceRGB), and XMP metadata
//! that identifies the conformance and repeats the information dictionary.
//!
//! printpdf's own PDF/A setting is not used: it writes a CMYK print profile as a PDF/X
//! intent and no XMP at all.

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::info::{CREATOR, DocMeta, producer};
use crate::report::svg::escape;

/// sRGB IEC61966-2.1, ICC v2.3 (assets/icc, with its licence).
const SRGB: &[u8] = include_bytes!("../../../../assets/icc/sRGB.icc");
const SRGB_NAME: &str = "sRGB IEC61966-2.1";

pub fn write(doc: &mut Document, meta: &DocMeta, id: &[u8; 16]) {
    let profile = doc.add_object(Stream::new(
        Dictionary::from_iter(vec![
            ("N", Object::Integer(3)),
            ("Alternate", Object::Name(b"DeviceRGB".to_vec())),
        ]),
        SRGB.to_vec(),
    ));
    let literal = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", literal(SRGB_NAME)),
        ("Info", literal(SRGB_NAME)),
        ("RegistryName", literal("http://www.color.org")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    let xmp = doc.add_object(Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(meta, id).into_bytes(),
    ));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
        catalog.set("Metadata", Object::Reference(xmp));
    }
}

/// "2026-11-26T00:00:00Z", the same instant as the information dictionary's dates.
fn xmp_date(meta: &DocMeta) -> String {
    let d = meta.date;
    format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)
}

/// The UUID-shaped form of the file's id, which stays the same for the same record and date.
fn uuid(id: &[u8; 16]) -> String {
    let h: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// The XMP packet. The information dictionary's entries are repeated as the standard pairs
/// them (ISO 19005-2, 6.6.3): Title = dc:title, Author = dc:creator, Subject =
/// dc:description, Creator = xmp:CreatorTool, Producer = pdf:Producer, and the dates.
pub fn xmp(meta: &DocMeta, id: &[u8; 16]) -> String {
    let date = xmp_date(meta);
    let lang = meta.lang;
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{FEFF}',
        title = escape(&meta.title),
        author = escape(&meta.author),
        subject = escape(&meta.subject),
        creator = escape(CREATOR),
        producer = escape(&producer()),
        uuid = uuid(id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn the_packet_escapes_names_and_identifies_pdf_a_2b() {
        let meta = DocMeta {
            title: "Record — Müller & Söhne <GmbH>".to_owned(),
            author: "Müller & Söhne".to_owned(),
            subject: "Art. 30".to_owned(),
            date: Date::new(2026, 11, 26).expect("a date"),
            lang: "de",
        };
        let x = xmp(&meta, &[0xab; 16]);
        assert!(
            x.contains("Record — Müller &amp; Söhne &lt;GmbH&gt;</rdf:li>"),
            "{x}"
        );
        assert!(!x.contains("& "), "{x}");
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(x.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(x.contains("<xmp:CreateDate>2026-11-26T00:00:00Z</xmp:CreateDate>"));
        assert!(x.contains("uuid:abababab-abab-abab-abab-abababababab"));
        // No `bytes` or `encoding` attribute on the packet header (ISO 19005-2, 6.6.2.1).
        let header = x.lines().next().unwrap_or_default();
        assert!(!header.contains("bytes=") && !header.contains("encoding="));
    }
}
