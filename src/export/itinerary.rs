//! A Hill day's itinerary: one page (or more) the staffer carries all day,
//! with each meeting in the order of the day.
//!
//! Promises: each meeting says when, where, with whom (title, party and
//! riding, as the office holder's page of a packet does), who from our side
//! attends, what about, which papers its packet holds and on which pages of
//! the combined PDF it is; a meeting is never split across pages unless it
//! is longer than a page; every meeting has an outline entry.

use chrono::NaiveDate;

use super::fonts::{Face, Fonts};
use super::labels::{self, day_and_date, time_of_day};
use super::layout::{paginate, Block, Row, SetLine, Shape};
use super::outline::Bookmark;
use super::packet::{Composed, Composer, Geometry, GREY, INK, NAVY, RED, RULE};
use super::shaping::{Span, Style};
use super::pdf::{PageOut, PageRow};
use super::tags::{ElemId, Role, Tags};
use crate::engagements::{Engagement, EngagementKind};
use crate::officials::Official;
use crate::vocab::Lang;

/// A meeting as the itinerary prints it.
pub struct Stop {
    pub engagement: Engagement,
    pub officials: Vec<Official>,
    /// Title, version and language of each paper in its packet.
    pub papers: Vec<(String, i64, Lang)>,
    /// First and last page of its packet in the combined PDF (from 1).
    pub pages: (usize, usize),
}

/// Lays the itinerary of `date` out.
pub fn compose(
    fonts: &Fonts,
    stops: &[Stop],
    date: NaiveDate,
    geo: Geometry,
    lang: Lang,
    organisation: &str,
    printed_on: &str,
) -> Composed {
    let mut c = Composer::new(fonts, lang, geo);
    let l = labels::labels(lang);
    let d = labels::day_labels(lang);
    let root = c.tags.root();

    let mut flow = Vec::new();
    let mut kicker = c.simple(&format!("{} · {}", d.hill_day, d.itinerary).to_uppercase(), Face::SansBold, 10.0, RED, 14.0);
    kicker.keep_with_next = true;
    flow.push(c.tag_in(kicker, Role::P, root));
    let mut title = c.simple(&capital(&day_and_date(date, lang)), Face::SansBold, 24.0, NAVY, 30.0);
    title.keep_with_next = true;
    flow.push(c.tag_in(title, Role::H(1), root));
    let mut by = c.simple(&format!("{organisation} · {} {printed_on}", l.printed_on), Face::Sans, 9.0, GREY, 13.0);
    by.space_after = 8.0;
    flow.push(c.tag_in(by, Role::P, root));

    let mut titles = Vec::with_capacity(stops.len());
    let mut tags = std::mem::take(&mut c.tags);
    for stop in stops {
        let mut b = Block { rows: vec![meeting_row(&c, &mut tags, stop, lang, geo.measure())], ..Block::default() };
        b.splittable = false;
        b.anchor = Some(titles.len());
        titles.push(meeting_title(&stop.engagement, lang));
        flow.push(b);
    }

    let (flow_pages, where_flow) = paginate(flow, geo.flow_height(), titles.len());
    let total = flow_pages.len();
    let header_title = format!("{} — {}", d.hill_day, labels::long_date(date, lang));
    let mut pages = Vec::with_capacity(total);
    for (n, fp) in flow_pages.into_iter().enumerate() {
        let mut rows: Vec<PageRow> = fp.rows.into_iter().map(|pr| PageRow { x: geo.margin_x, top: geo.top + pr.top, row: pr.row }).collect();
        if n > 0 {
            rows.push(c.header(&header_title, organisation, false, geo));
        }
        rows.push(c.footer(n + 1, total, geo));
        pages.push(PageOut { rows, watermark: None });
    }
    let bookmarks = titles
        .into_iter()
        .zip(where_flow)
        .filter_map(|(title, at)| at.map(|(page, top)| Bookmark { title, level: 0, page, y: geo.height - geo.top - top + 4.0 }))
        .collect();
    Composed { pages, links: Vec::new(), bookmarks, tags }
}

/// "10:30 a.m. — Jean-Luc Bérubé": a meeting as the outline names it.
pub fn meeting_title(e: &Engagement, lang: Lang) -> String {
    let who = if e.officials.is_empty() {
        e.subject.clone()
    } else {
        e.officials.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", ")
    };
    match e.time.as_deref() {
        Some(t) => format!("{} — {who}", labels::time_of_day(t, lang)),
        None => who,
    }
}

/// Width of the column holding each meeting's time.
const TIME_COLUMN: f32 = 92.0;
/// Width of the labels of a meeting's facts.
const LABEL_COLUMN: f32 = 78.0;

/// One meeting: the time and kind on the left; on the right, the office
/// holders, then place, who attends for us, subject, papers and where the
/// packet is in the combined PDF, each after a small label. One row, so a
/// meeting is never split across pages. Tagged as a section: the time and
/// kind its H2, each office holder and each fact a P, label first.
fn meeting_row(c: &Composer<'_>, tags: &mut Tags, stop: &Stop, lang: Lang, measure: f32) -> Row {
    let sect = tags.add(Role::Sect, tags.root());
    let heading = tags.add(Role::H(2), sect);
    let l = labels::labels(lang);
    let d = labels::day_labels(lang);
    let french = lang == Lang::Fr;
    let e = &stop.engagement;
    let mut row = Row::default();
    let top = 12.0;

    let when = e.time.as_deref().map_or_else(|| d.time_to_confirm.to_owned(), |t| time_of_day(t, lang));
    let kind = match e.kind {
        EngagementKind::Call => l.call_kind,
        _ => l.meeting_kind,
    };
    let mut left_y = top;
    for (text, style, leading) in [
        (when, Style::new(Face::SansBold, 13.0, NAVY), 17.0),
        (kind.to_uppercase(), Style::new(Face::SansBold, 8.0, GREY), 12.0),
    ] {
        for mut line in c.lines(&[Span::new(text, style)], TIME_COLUMN - 10.0, false) {
            left_y += leading;
            line.tag = Some(heading);
            row.lines.push(SetLine { x: 0.0, baseline: left_y - leading * 0.28, line });
        }
    }

    let x = TIME_COLUMN;
    let width = measure - x;
    let mut y = top;
    let put = |spans: &[Span], leading: f32, y: &mut f32, row: &mut Row, tag: ElemId| {
        for mut line in c.lines(spans, width, false) {
            *y += leading;
            line.tag = Some(tag);
            row.lines.push(SetLine { x, baseline: *y - leading * 0.28, line });
        }
    };
    for o in &stop.officials {
        let p = tags.add(Role::P, sect);
        put(&[Span::new(o.name.as_str(), Style::new(Face::SerifBold, 12.0, INK))], 16.0, &mut y, &mut row, p);
        let place: Vec<&str> = [o.title_in(lang), o.party_in(lang), o.constituency_in(lang)].into_iter().filter(|s| !s.trim().is_empty()).collect();
        if !place.is_empty() {
            put(&[Span::new(c.fix(&place.join(" · "), french), Style::new(Face::Serif, 9.5, GREY))], 13.0, &mut y, &mut row, p);
        }
    }
    y += 3.0;
    // The facts: a small label in a column of its own, the value beside
    // it; the label drawn first, so it is read first.
    let mut fact = |label: &str, value: Vec<Span>, y: &mut f32, row: &mut Row| {
        let p = tags.add(Role::P, sect);
        let first = *y;
        if let Some(mut line) = c.lines(&[Span::new(label.to_uppercase(), Style::new(Face::SansBold, 7.5, GREY))], LABEL_COLUMN - 6.0, false).into_iter().next() {
            line.tag = Some(p);
            row.lines.push(SetLine { x, baseline: first + 14.0 * 0.72, line });
        }
        for mut line in c.lines(&value, width - LABEL_COLUMN, false) {
            *y += 14.0;
            line.tag = Some(p);
            row.lines.push(SetLine { x: x + LABEL_COLUMN, baseline: *y - 14.0 * 0.28, line });
        }
    };
    // Typed by a person, in whichever language: set as typed.
    let value = |text: &str| vec![Span::new(text, Style::new(Face::Serif, 10.0, INK))];
    if !e.place.trim().is_empty() {
        fact(d.place, value(&e.place), &mut y, &mut row);
    }
    if !e.attendees.trim().is_empty() {
        fact(d.for_us, value(&e.attendees), &mut y, &mut row);
    }
    fact(l.subject, value(&e.subject), &mut y, &mut row);
    if stop.papers.is_empty() {
        fact(l.papers, value(d.no_papers), &mut y, &mut row);
    }
    for (k, (title, version, paper_lang)) in stop.papers.iter().enumerate() {
        let text = format!("{}. {} ({} {version})", k + 1, c.fix(title, *paper_lang == Lang::Fr), l.version.to_lowercase());
        fact(if k == 0 { l.papers } else { "" }, vec![Span::new(text, Style::new(Face::Serif, 10.0, INK))], &mut y, &mut row);
    }
    let (a, b) = stop.pages;
    let range = if french { format!("{} {a} à {b}", d.pages) } else { format!("{} {a}–{b}", d.pages) };
    fact(d.in_combined, vec![Span::new(range, Style::new(Face::Sans, 9.0, NAVY))], &mut y, &mut row);

    row.height = y.max(left_y) + 12.0;
    row.shapes.push(Shape::Line { x1: 0.0, y1: 0.5, x2: measure, y2: 0.5, width: 0.6, color: RULE });
    row
}

/// `text` with its first letter a capital ("mercredi" → "Mercredi").
pub(super) fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
