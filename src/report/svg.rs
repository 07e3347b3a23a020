//! The data-flow diagram as an SVG file: the canvas's layout, cards in the kinds' colours with
//! name, kind and operator, arrows with the number of fields each sends (⚠ when raw direct
//! identifiers travel on it), and a legend. For slides, wikis and the DPIA annex; it holds
//! names and counts only, like the project.

use std::fmt::Write as _;

use crate::layout::{self, Grid};
use crate::model::{NodeKind, Project};

/// The app's colours, so that the file and the canvas look alike.
fn colour(kind: &NodeKind) -> String {
    let (r, g, b) = layout::kind_rgb(kind);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text as XML character data: markup characters escaped, control characters left out.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Cut to `max` characters with an ellipsis: a card has room for one line of each.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

const MARGIN: f32 = 40.0;
const LEGEND_HEIGHT: f32 = 70.0;

/// The diagram of the project as a standalone SVG document.
pub fn diagram(p: &Project) -> String {
    let grid = Grid::default();
    let positions = layout::complete(p, grid).positions;
    let at = |id: &str| positions.get(id).copied().unwrap_or_default();
    let (min_x, min_y, max_x, max_y) =
        layout::bounds(p, &positions, grid).unwrap_or((0.0, 0.0, 400.0, 100.0));
    let width = (max_x - min_x + 2.0 * MARGIN).max(720.0);
    let height = max_y - min_y + 2.0 * MARGIN + LEGEND_HEIGHT;
    let (ox, oy) = (MARGIN - min_x, MARGIN - min_y);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="DejaVu Sans, Verdana, sans-serif">"#
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&p.name));
    let _ = writeln!(
        s,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>
"##
    );
    // Flows under the cards.
    for f in &p.flows {
        let (a, b) = (at(f.from.as_str()), at(f.to.as_str()));
        let (x1, y1) = (
            a.x + grid.card_width + ox,
            a.y + grid.card_height / 2.0 + oy,
        );
        let (x2, y2) = (b.x + ox, b.y + grid.card_height / 2.0 + oy);
        let bend = ((x2 - x1).abs() / 2.0).max(40.0);
        let _ = writeln!(
            s,
            r##"<path d="M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}" fill="none" stroke="#666" stroke-width="1.5"/>"##,
            x1 + bend,
            x2 - bend
        );
        // The head: the curve arrives horizontally.
        let _ = writeln!(
            s,
            r##"<path d="M{x2:.1},{y2:.1} L{:.1},{:.1} L{:.1},{:.1} z" fill="#666"/>"##,
            x2 - 10.0,
            y2 - 5.0,
            x2 - 10.0,
            y2 + 5.0
        );
        // The same numbers as the record's diagram.
        let super::figure::FlowLabel {
            fields: count,
            raw_identifiers: raw,
        } = super::figure::flow_label(p, f);
        // The middle of the curve (t = 0.5 of the cubic).
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let label = if raw {
            format!("{count} ⚠")
        } else {
            count.to_string()
        };
        let w = if raw { 42.0 } else { 28.0 };
        let _ = writeln!(
            s,
            r##"<g><title>{}: {count} fields{}</title><rect x="{:.1}" y="{:.1}" width="{w}" height="18" rx="9" fill="{}" stroke="#666"/><text x="{mx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="{}">{label}</text></g>"##,
            escape(f.id.as_str()),
            if raw { ", raw direct identifiers" } else { "" },
            mx - w / 2.0,
            my - 9.0,
            if raw { "#d98a1c" } else { "#f2f2f2" },
            my + 4.0,
            if raw { "#ffffff" } else { "#222222" },
        );
    }
    for n in &p.nodes {
        let q = at(n.id.as_str());
        let (x, y) = (q.x + ox, q.y + oy);
        let detail = match &n.kind {
            NodeKind::Destination(d) => d.platform.clone(),
            _ => n.kind_detail(),
        };
        let operator = if n.country.is_empty() {
            n.operator.clone()
        } else {
            format!("{} · {}", n.operator, n.country)
        };
        let _ = writeln!(
            s,
            r##"<g><title>{} {}</title><rect x="{x:.1}" y="{y:.1}" width="{cw}" height="{ch}" rx="8" fill="#ffffff" stroke="#bbbbbb"/><rect x="{x:.1}" y="{y:.1}" width="8" height="{ch}" rx="3" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="14" font-weight="bold" fill="#111111">{}</text><text x="{:.1}" y="{:.1}" font-size="11" fill="#555555">{}</text><text x="{:.1}" y="{:.1}" font-size="11" fill="#555555">{}</text></g>"##,
            n.kind.label(),
            escape(n.id.as_str()),
            colour(&n.kind),
            x + 16.0,
            y + 24.0,
            escape(&fit(&n.name, 21)),
            x + 16.0,
            y + 44.0,
            escape(&fit(&detail, 30)),
            x + 16.0,
            y + 61.0,
            escape(&fit(&operator, 30)),
            cw = grid.card_width,
            ch = grid.card_height,
        );
    }
    // The legend.
    let ly = height - LEGEND_HEIGHT + 10.0;
    let mut lx = MARGIN;
    for (label, kind) in [
        ("source", NodeKind::Source(Default::default())),
        ("consent gate", NodeKind::ConsentGate(Default::default())),
        ("relay", NodeKind::Relay(Default::default())),
        ("store", NodeKind::Store(Default::default())),
        ("destination", NodeKind::Destination(Default::default())),
    ] {
        let _ = writeln!(
            s,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="14" height="14" rx="3" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#333333">{label}</text>"##,
            colour(&kind),
            lx + 20.0,
            ly + 12.0
        );
        lx += 130.0;
    }
    let _ = writeln!(
        s,
        r##"<text x="{MARGIN}" y="{:.1}" font-size="12" fill="#333333">Numbers on the arrows: fields sent on the flow; ⚠ raw direct identifiers (e.g. an e-mail address not hashed).</text>"##,
        ly + 38.0
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_node_and_flow_is_drawn_and_names_are_escaped() {
        let mut p = crate::store::parse(crate::examples::SHOP, "shop")
            .expect("the example parses")
            .project;
        p.nodes[0].name = "Shop <A&B> \"x\"".to_owned();
        let svg = diagram(&p);
        assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("Shop &lt;A&amp;B&gt; &quot;x&quot;"));
        assert!(!svg.contains("<A&B>"));
        assert_eq!(
            svg.matches("<rect x=").count() - 5,
            2 * p.nodes.len() + p.flows.len()
        );
        for f in &p.flows {
            assert!(svg.contains(&format!("<title>{}:", f.id)), "{}", f.id);
        }
    }
}
