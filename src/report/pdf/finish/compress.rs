//! Every stream compressed with Flate. printpdf compresses only in its own writer, which the
//! record does not use (it finishes the document with lopdf first), and lopdf's `compress`
//! uses the slowest level: level 6 gives nearly the same size in a fraction of the time, which
//! matters for a record of several hundred pages.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Document, Object};

pub fn all(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        // Already filtered; or the XMP metadata, which PDF/A wants readable as it is.
        let metadata = stream
            .dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|t| t == b"Metadata");
        if stream.dict.has(b"Filter") || metadata || stream.content.is_empty() {
            continue;
        }
        let mut z = ZlibEncoder::new(Vec::new(), Compression::new(6));
        // Writing into a Vec cannot fail; should it, the stream stays as it is.
        if z.write_all(&stream.content).is_err() {
            continue;
        }
        let Ok(packed) = z.finish() else { continue };
        if packed.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
}
