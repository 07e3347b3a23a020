//! The record as an Excel workbook: the ICO controller template's sheet (one row per
//! activity, its header coloured by what Art. 30(1) requires, frozen, wrapped, with column
//! widths), then the recipients, the retention schedule and the field inventory, each a sheet
//! with the record's table. The same project and date give the same bytes.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use crate::model::{Date, Project};

use super::sheet::{Need, Sheet, workbook};
use super::words::Words;

/// Header fills: green for what Art. 30(1) requires, blue for the further columns, as the key
/// of the ICO's template has them (green required, blue optional: `ropa-art30.md`); the shades
/// are capimap's.
pub const REQUIRED_FILL: u32 = 0xC6E0B4;
pub const FURTHER_FILL: u32 = 0xBDD7EE;

fn header(fill: u32) -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(fill))
        .set_border(FormatBorder::Thin)
}

fn write_sheet(book: &mut Workbook, sheet: &Sheet) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    // Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    let name: String = sheet
        .name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(name)?;
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (c, col) in sheet.columns.iter().enumerate() {
        let c =
            u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))?;
        let fill = match col.need {
            Need::Required(_) => REQUIRED_FILL,
            Need::Further => FURTHER_FILL,
        };
        ws.set_column_width(c, col.width)?;
        ws.write_string_with_format(0, c, &col.title, &header(fill))?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r =
            u32::try_from(r + 1).map_err(|_| XlsxError::ParameterError("too many rows".into()))?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c)
                .map_err(|_| XlsxError::ParameterError("too many columns".into()))?;
            ws.write_string_with_format(r, c, cell, &body)?;
        }
    }
    // The header stays in view while scrolling.
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook's bytes, dated `date` (its only date: two writes of one project and date are
/// byte-identical).
pub fn write(p: &Project, words: &Words, date: Date) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let when = ExcelDateTime::from_ymd(date.year, date.month, date.day)?;
    let key = words.fill("xlsx.key", &[("date", &words.date(date))]);
    book.set_properties(
        &DocProperties::new()
            .set_title(words.get("title"))
            .set_author(p.organisation.controller.name.clone())
            .set_comment(key.clone())
            .set_creation_datetime(&when),
    );
    for sheet in workbook(p, words) {
        write_sheet(&mut book, &sheet)?;
    }
    // What the colours mean, where a reader sees it.
    let about = book.add_worksheet();
    about.set_name(words.get("xlsx.about"))?;
    about.set_column_width(0, 16)?;
    about.set_column_width(1, 90)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    about.write_string_with_format(0, 0, words.get("title"), &Format::new().set_bold())?;
    about.write_string_with_format(0, 1, &p.organisation.controller.name, &wrap)?;
    about.write_string_with_format(1, 1, &key, &wrap)?;
    about.write_string_with_format(3, 0, "", &header(REQUIRED_FILL))?;
    about.write_string_with_format(3, 1, words.get("xlsx.required"), &wrap)?;
    about.write_string_with_format(4, 0, "", &header(FURTHER_FILL))?;
    about.write_string_with_format(4, 1, words.get("xlsx.further"), &wrap)?;
    book.save_to_buffer()
}
