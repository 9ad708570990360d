//! The report as a PDF to read over before filing: title, month,
//! registrant and deadline, the table of communications, then every warning
//! and the flagged engagements the report leaves out.
//!
//! Built with the packet machinery of [`crate::export`] (the same fonts,
//! shaping, line breaking, pagination, printpdf writer and lopdf pass), on
//! landscape Letter so the seven columns the registry asks for fit. A
//! table is one block whose header row pagination repeats on each page it
//! continues onto, as a packet's tables are.

use chrono::{DateTime, NaiveDate, Utc};

use crate::dates;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::export::fonts::{self, Face, Fonts};
use crate::export::labels::long_date_str;
use crate::vocab::Lang;
use crate::export::layout::{break_lines, paginate, text_block, Block, Line, Measure, Row, SetLine, Shape, TableRow};
use crate::export::table::tag_table;
use crate::export::tags::{Attr, ElemId, Role, Tags};
use crate::export::outline::{self, Bookmark, Meta};
use crate::export::packet::{GREY, INK, NAVY, RED, RULE};
use crate::export::pdf::{self, PageOut, PageRow};
use crate::export::shaping::{shape, Rgb, Span, Style};

use super::LobbyingReport;

/// Landscape Letter, in points.
const WIDTH: f32 = 792.0;
const HEIGHT: f32 = 612.0;
const MARGIN_X: f32 = 44.0;
const TOP: f32 = 62.0;
const BOTTOM: f32 = 50.0;
const MEASURE: f32 = WIDTH - 2.0 * MARGIN_X;

const WARN_BG: Rgb = [0.99, 0.94, 0.93];
const ZEBRA: Rgb = [0.96, 0.97, 0.99];

/// The columns of the table and their share of the width.
const COLUMNS: [(&str, f32); 7] = [
    ("Date", 0.085),
    ("Last name", 0.1),
    ("First name", 0.09),
    ("Position title", 0.165),
    ("Branch or unit", 0.165),
    ("Institution", 0.12),
    ("Subject matters", 0.275),
];

struct Writer<'a> {
    fonts: &'a Fonts,
}

impl Writer<'_> {
    fn lines(&self, text: &str, style: Style, width: f32) -> Vec<Line> {
        break_lines(&shape(self.fonts, &[Span::new(text, style)]), Measure { width, justify: false })
    }

    fn para(&self, text: &str, face: Face, size: f32, color: Rgb, leading: f32) -> Block {
        text_block(self.lines(text, Style::new(face, size, color), MEASURE), 0.0, leading, size)
    }

    fn heading(&self, text: &str, anchor: usize) -> Block {
        let mut b = self.para(text, Face::SansBold, 12.5, NAVY, 17.0);
        if let Some(last) = b.rows.last_mut() {
            last.height += 5.0;
            last.shapes.push(Shape::Line { x1: 0.0, y1: last.height - 1.0, x2: MEASURE, y2: last.height - 1.0, width: 0.8, color: NAVY });
        }
        b.space_before = 20.0;
        b.space_after = 8.0;
        b.keep_with_next = true;
        b.splittable = false;
        b.anchor = Some(anchor);
        b
    }

    /// A label in small capitals beside its value.
    fn fact(&self, label: &str, value: &str, color: Rgb) -> Block {
        let label_w = 110.0;
        let mut row = Row::default();
        if let Some(l) = self.lines(&label.to_uppercase(), Style::new(Face::SansBold, 7.5, GREY), label_w).into_iter().next() {
            row.lines.push(SetLine { x: 0.0, baseline: 12.0, line: l });
        }
        let mut y = 0.0;
        for line in self.lines(value, Style::new(Face::Serif, 10.5, color), MEASURE - label_w) {
            row.lines.push(SetLine { x: label_w, baseline: y + 12.5, line });
            y += 14.5;
        }
        row.height = y.max(14.5) + 2.0;
        Block { rows: vec![row], ..Block::default() }
    }

    /// One table row (`index` 0 the header): cells side by side, then the
    /// row's warnings in red across the whole width, read as part of its
    /// last cell.
    fn table_row(&self, index: usize, cells: &[(String, Style)], widths: &[f32], leading: f32, warnings: &[String], shade: Option<Rgb>) -> Row {
        let gap = 7.0;
        let mut row = Row::default();
        let mut table = TableRow { row: index, ..TableRow::default() };
        let mut x = 0.0;
        let mut height: f32 = 0.0;
        for (column, ((text, style), w)) in cells.iter().zip(widths).enumerate() {
            let lines = self.lines(text, *style, w - gap);
            let n = lines.len().max(1) as f32;
            for (k, line) in lines.into_iter().enumerate() {
                row.lines.push(SetLine { x, baseline: 4.0 + leading * k as f32 + style.size, line });
                table.columns.push(column);
            }
            height = height.max(n * leading + 7.0);
            x += w;
        }
        if !warnings.is_empty() {
            let text = format!("Warning: {}", warnings.join("; "));
            let lines = self.lines(&text, Style::new(Face::SansBold, 7.5, RED), MEASURE - widths[0] - gap);
            let top = height - 2.0;
            let n = lines.len() as f32;
            row.shapes.push(Shape::Rect { x: widths[0] - 3.0, y: top - 1.0, w: MEASURE - widths[0] + 3.0, h: n * 10.5 + 3.0, color: WARN_BG });
            for (k, line) in lines.into_iter().enumerate() {
                row.lines.push(SetLine { x: widths[0], baseline: top + 8.0 + 10.5 * k as f32, line });
                table.columns.push(cells.len().saturating_sub(1));
            }
            height = top + n * 10.5 + 6.0;
        }
        if let Some(c) = shade {
            row.shapes.insert(0, Shape::Rect { x: -3.0, y: 0.0, w: MEASURE + 6.0, h: height, color: c });
        }
        row.shapes.push(Shape::Line { x1: 0.0, y1: height, x2: MEASURE, y2: height, width: 0.4, color: RULE });
        row.height = height;
        row.table = Some(table);
        row
    }

    /// A table as one block, its header row first: `paginate` sets the
    /// header again at the top of each page the table continues onto, and
    /// keeps a heading before it with the header and the first row.
    fn table(&self, columns: &[(&str, f32)], rows: Vec<(Vec<String>, Vec<String>)>) -> Block {
        let widths: Vec<f32> = columns.iter().map(|(_, f)| f * MEASURE).collect();
        let head_style = Style::new(Face::SansBold, 7.5, GREY);
        let head_cells: Vec<(String, Style)> = columns.iter().map(|(t, _)| (t.to_uppercase(), head_style)).collect();
        let mut head = self.table_row(0, &head_cells, &widths, 10.0, &[], None);
        if let Some(Shape::Line { color, width, .. }) = head.shapes.last_mut() {
            *color = NAVY;
            *width = 0.8;
        }
        let mut out = vec![head];
        for (k, (cells, warnings)) in rows.into_iter().enumerate() {
            let body = Style::new(Face::Serif, 8.5, INK);
            let cells: Vec<(String, Style)> = cells.into_iter().map(|c| (c, body)).collect();
            let shade = (k % 2 == 1).then_some(ZEBRA);
            out.push(self.table_row(k + 1, &cells, &widths, 11.0, &warnings, shade));
        }
        Block { rows: out, splittable: true, repeat_head: true, ..Block::default() }
    }

    fn header(&self, report: &LobbyingReport) -> PageRow {
        let mut row = Row { height: 18.0, ..Row::default() };
        let style = Style::new(Face::Sans, 8.0, GREY);
        let left = format!("Monthly communication report · {}", report.month_name);
        if let Some(l) = self.lines(&left, style, MEASURE * 0.55).into_iter().next() {
            row.lines.push(SetLine { x: 0.0, baseline: 9.0, line: l });
        }
        if let Some(org) = report.organisation.as_deref() {
            if let Some(r) = self.lines(org, style, MEASURE * 0.4).into_iter().next() {
                row.lines.push(SetLine { x: MEASURE - r.width, baseline: 9.0, line: r });
            }
        }
        row.shapes.push(Shape::Line { x1: 0.0, y1: 14.0, x2: MEASURE, y2: 14.0, width: 0.5, color: RULE });
        PageRow { x: MARGIN_X, top: TOP - 38.0, row }
    }

    fn footer(&self, n: usize, total: usize) -> PageRow {
        let mut row = Row { height: 12.0, ..Row::default() };
        let text = format!("Page {n} of {total}");
        if let Some(line) = self.lines(&text, Style::new(Face::Sans, 8.0, GREY), MEASURE).into_iter().next() {
            row.lines.push(SetLine { x: (MEASURE - line.width) / 2.0, baseline: 9.0, line });
        }
        PageRow { x: MARGIN_X, top: HEIGHT - BOTTOM + 24.0, row }
    }
}

fn long(date: &str) -> String {
    long_date_str(date, Lang::En)
}

/// Lays the report out and returns the PDF bytes.
pub fn to_pdf(report: &LobbyingReport) -> Result<Vec<u8>> {
    render(report, dates::now())
}

/// As [`to_pdf`], with the creation moment given (for reproducible files).
pub fn render(report: &LobbyingReport, at: DateTime<Utc>) -> Result<Vec<u8>> {
    let fonts = fonts::fonts().ok_or_else(|| Error::invalid(Message::FontUnreadable {}))?;
    let w = Writer { fonts };
    let mut flow = Flow::default();
    add_title(&w, &mut flow, report);
    add_facts(&w, &mut flow, report);
    add_communications(&w, &mut flow, report);
    add_warnings(&w, &mut flow, report);
    add_not_reported(&w, &mut flow, report);
    let mut tags = std::mem::take(&mut flow.tags);
    let (pages, anchors) = lay_out(&w, flow, report);

    let title = format!("Monthly communication report, {}", report.month_name);
    let written = pdf::write(fonts, &pages, (WIDTH, HEIGHT), &title, &mut tags, &mut |_, _| Ok(()))?;
    let drawn = outline::Drawn { links: &written.links, targets: &[], tags: &tags, marks: &written.marks };
    outline::finish(pdf::to_lopdf(&written.doc), &drawn, &bookmarks(&anchors), &meta(report, title, at))
        .map_err(|e| Error::invalid(Message::PdfNotAssembled { detail: e.to_string() }))
}

/// The report's blocks in reading order, and their structure.
#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    tags: Tags,
}

impl Flow {
    /// Adds a block, its lines a new element of `role` under the document.
    fn push(&mut self, block: Block, role: Role) -> ElemId {
        let e = self.tags.add(role, self.tags.root());
        self.blocks.push(block.tagged(e));
        e
    }
}

/// The kicker and the month, the report's first bookmark.
fn add_title(w: &Writer<'_>, flow: &mut Flow, report: &LobbyingReport) {
    let mut kicker = w.para("MONTHLY COMMUNICATION REPORT", Face::SansBold, 9.0, RED, 13.0);
    kicker.anchor = Some(0);
    flow.push(kicker, Role::P);
    let mut title = w.para(&report.month_name, Face::SansBold, 22.0, NAVY, 28.0);
    title.space_after = 10.0;
    flow.push(title, Role::H(1));
}

/// Organisation, registrant, period, deadline and a count of what the
/// report holds; what needs attention in red.
fn add_facts(w: &Writer<'_>, flow: &mut Flow, report: &LobbyingReport) {
    let registrant = report.registrant.clone().unwrap_or_else(|| "not set".into());
    let overdue_or_close = report.days_left <= 3;
    if let Some(org) = &report.organisation {
        flow.push(w.fact("Organisation", org, INK), Role::P);
    }
    flow.push(w.fact("Registrant", &registrant, if report.registrant.is_some() { INK } else { RED }), Role::P);
    flow.push(w.fact("Period", &format!("{} to {}", long(&format!("{}-01", report.month)), last_day(report)), INK), Role::P);
    flow.push(w.fact("Filing deadline", &deadline(report), if overdue_or_close { RED } else { INK }), Role::P);
    let mut s = w.fact("Reported", &summary(report), INK);
    s.space_after = 6.0;
    flow.push(s, Role::P);
}

/// The filing deadline, and how many days are left (or how many it is
/// overdue by) as of the report's today.
fn deadline(report: &LobbyingReport) -> String {
    let today = NaiveDate::parse_from_str(&report.today, "%Y-%m-%d").map(|d| long(&dates::format_date(d))).unwrap_or_default();
    match report.days_left {
        n if n > 0 => format!("{} — {n} day{} left (as of {today})", long(&report.deadline), if n == 1 { "" } else { "s" }),
        0 => format!("{} — today", long(&report.deadline)),
        n => format!("{} — overdue by {} day{} (as of {today})", long(&report.deadline), -n, if n == -1 { "" } else { "s" }),
    }
}

/// How many communications, from how many engagements, with how many
/// warnings.
fn summary(report: &LobbyingReport) -> String {
    let engagements = {
        let mut ids: Vec<i64> = report.rows.iter().map(|r| r.engagement_id).collect();
        ids.dedup();
        ids.len()
    };
    format!(
        "{} communication{} with office holders, from {} meeting{} and call{}; {} warning{}",
        report.rows.len(),
        if report.rows.len() == 1 { "" } else { "s" },
        engagements,
        if engagements == 1 { "" } else { "s" },
        if engagements == 1 { "" } else { "s" },
        report.warnings.len(),
        if report.warnings.len() == 1 { "" } else { "s" },
    )
}

/// The table of communications, one row per engagement and office holder,
/// or a line saying there are none.
fn add_communications(w: &Writer<'_>, flow: &mut Flow, report: &LobbyingReport) {
    flow.push(w.heading("Communications", 1), Role::H(2));
    if report.rows.is_empty() {
        let none = w.para(&format!("No reportable meetings or calls were logged for {}.", report.month_name), Face::SerifItalic, 10.0, GREY, 14.0);
        flow.push(none, Role::P);
        return;
    }
    let rows = report
        .rows
        .iter()
        .map(|r| {
            let mut subject = match &r.campaign {
                Some(c) => format!("{} ({c})", r.subject),
                None => r.subject.clone(),
            };
            if !r.subject_matters.is_empty() {
                subject = format!("{} — {subject}", LobbyingReport::subject_line(r, false));
            }
            if !r.logged_by.is_empty() {
                subject.push_str(&format!(" — logged by {}", r.logged_by));
            }
            (
                vec![
                    r.date.clone(),
                    r.last_name.clone(),
                    r.first_name.clone(),
                    r.position_title.clone(),
                    r.branch.clone(),
                    r.institution.clone(),
                    subject,
                ],
                r.warnings.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    push_table(flow, w.table(&COLUMNS, rows), COLUMNS.len());
}

/// Adds a table block, tagged as a table under the document.
fn push_table(flow: &mut Flow, mut block: Block, columns: usize) {
    let root = flow.tags.root();
    tag_table(&mut block, &mut flow.tags, root, columns);
    flow.blocks.push(block);
}

/// Every warning of the report as a bulleted paragraph, when there are any.
fn add_warnings(w: &Writer<'_>, flow: &mut Flow, report: &LobbyingReport) {
    if report.warnings.is_empty() {
        return;
    }
    flow.push(w.heading("Warnings: to fix before filing", 2), Role::H(2));
    let list = flow.tags.add(Role::L, flow.tags.root());
    flow.tags.attr(list, Attr::ListNumbering("Disc"));
    for warning in &report.warnings {
        // The core's wording: no command-line hints on paper.
        let text = warning.message.to_string();
        let lines = w.lines(&text, Style::new(Face::Serif, 9.0, INK), MEASURE - 14.0);
        let mut b = text_block(lines, 14.0, 12.5, 9.0);
        if let Some(first) = b.rows.first_mut() {
            first.shapes.push(Shape::Rect { x: 3.0, y: 4.5, w: 4.0, h: 4.0, color: RED });
        }
        b.space_after = 4.0;
        let item = flow.tags.add(Role::LI, list);
        let body = flow.tags.add(Role::LBody, item);
        flow.blocks.push(b.tagged(body));
    }
}

/// The engagements flagged reportable that give no row, in a table of
/// their own, when there are any.
fn add_not_reported(w: &Writer<'_>, flow: &mut Flow, report: &LobbyingReport) {
    if report.not_reported.is_empty() {
        return;
    }
    flow.push(w.heading("Flagged reportable, but not part of this report", 3), Role::H(2));
    let rows = report
        .not_reported
        .iter()
        .map(|n| (vec![n.date.clone(), n.kind.as_str().to_owned(), n.officials.join(", "), n.subject.clone()], Vec::new()))
        .collect();
    let columns = [("Date", 0.1), ("Kind", 0.1), ("Office holders", 0.25), ("Subject", 0.55)];
    push_table(flow, w.table(&columns, rows), columns.len());
}

/// Paginates the flow into pages with running header and footer, and
/// returns them with where each bookmark's anchor landed.
fn lay_out(w: &Writer<'_>, flow: Flow, report: &LobbyingReport) -> (Vec<PageOut>, Vec<Option<(usize, f32)>>) {
    let (flow, anchors) = paginate(flow.blocks, HEIGHT - TOP - BOTTOM, 4);
    let total = flow.len();
    let mut pages = Vec::with_capacity(total);
    for (n, page) in flow.into_iter().enumerate() {
        let mut rows: Vec<PageRow> = page.rows.into_iter().map(|pr| PageRow { x: MARGIN_X, top: TOP + pr.top, row: pr.row }).collect();
        if n > 0 {
            rows.push(w.header(report));
        }
        rows.push(w.footer(n + 1, total));
        pages.push(PageOut { rows, watermark: None });
    }
    (pages, anchors)
}

/// One top-level bookmark per part of the report that is there.
fn bookmarks(anchors: &[Option<(usize, f32)>]) -> Vec<Bookmark> {
    let names = ["Report", "Communications", "Warnings", "Not part of this report"];
    anchors
        .iter()
        .zip(names)
        .filter_map(|(a, name)| a.map(|(page, top)| Bookmark { title: name.to_owned(), level: 0, page, y: HEIGHT - TOP - top + 4.0 }))
        .collect()
}

/// The document's Info dictionary and language.
fn meta(report: &LobbyingReport, title: String, at: DateTime<Utc>) -> Meta {
    Meta {
        title,
        author: report.registrant.clone().or_else(|| report.organisation.clone()).unwrap_or_default(),
        subject: format!("Communications with designated public office holders, {}", report.month_name),
        keywords: "lobbying; monthly communication report".into(),
        created: at,
        lang: "en-CA".into(),
        cover_label: None,
        page_size: (WIDTH, HEIGHT),
    }
}

fn last_day(report: &LobbyingReport) -> String {
    report
        .month
        .parse::<super::Month>()
        .map(|m| long(&dates::format_date(m.last_day())))
        .unwrap_or_default()
}
