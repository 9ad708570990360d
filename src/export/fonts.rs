//! The bundled faces (Noto, SIL Open Font License, in `assets/fonts/`) and
//! which face draws which character.
//!
//! Promises: the faces are parsed once per process and shared, so a second
//! export pays nothing for them; [`face_for`] always returns a face, falling
//! back per character from the asked style to the Arabic, Hebrew and sans
//! faces, so no character is dropped for want of a glyph.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// One bundled face. The order is the index into [`Fonts::faces`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Serif,
    SerifBold,
    SerifItalic,
    SerifBoldItalic,
    Sans,
    SansBold,
    Arabic,
    Hebrew,
}

impl Face {
    pub const ALL: [Face; 8] = [
        Face::Serif,
        Face::SerifBold,
        Face::SerifItalic,
        Face::SerifBoldItalic,
        Face::Sans,
        Face::SansBold,
        Face::Arabic,
        Face::Hebrew,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The same family with bold switched on or off.
    pub fn bold(self, on: bool) -> Face {
        match (self, on) {
            (Face::Serif, true) => Face::SerifBold,
            (Face::SerifItalic, true) => Face::SerifBoldItalic,
            (Face::SerifBold, false) => Face::Serif,
            (Face::SerifBoldItalic, false) => Face::SerifItalic,
            (Face::Sans, true) => Face::SansBold,
            (Face::SansBold, false) => Face::Sans,
            (f, _) => f,
        }
    }

    /// The same family with italic switched on or off (the sans family
    /// bundles no italic: it stays upright).
    pub fn italic(self, on: bool) -> Face {
        match (self, on) {
            (Face::Serif, true) => Face::SerifItalic,
            (Face::SerifBold, true) => Face::SerifBoldItalic,
            (Face::SerifItalic, false) => Face::Serif,
            (Face::SerifBoldItalic, false) => Face::SerifBold,
            (f, _) => f,
        }
    }
}

const FILES: [&[u8]; 8] = [
    include_bytes!("../../assets/fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/NotoSerif-BoldItalic.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
];

/// A face ready for shaping and for embedding.
pub struct LoadedFace {
    pub shaper: rustybuzz::Face<'static>,
    pub pdf: ParsedFont,
    pub units_per_em: f32,
    /// Ascender and descender (negative), in font units.
    pub ascender: f32,
    pub descender: f32,
}

/// Every bundled face.
pub struct Fonts {
    pub faces: Vec<LoadedFace>,
}

impl Fonts {
    pub fn get(&self, face: Face) -> &LoadedFace {
        &self.faces[face.index()]
    }
}

static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();

/// The bundled faces, parsed on first use. `None` only if a bundled file is
/// corrupt, which a test catches before release.
pub fn fonts() -> Option<&'static Fonts> {
    FONTS.get_or_init(load).as_ref()
}

fn load() -> Option<Fonts> {
    let mut faces = Vec::with_capacity(FILES.len());
    for bytes in FILES {
        let shaper = rustybuzz::Face::from_slice(bytes, 0)?;
        let mut warnings = Vec::new();
        let pdf = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        faces.push(LoadedFace {
            units_per_em: f32::from(shaper.units_per_em() as u16),
            ascender: f32::from(shaper.ascender()),
            descender: f32::from(shaper.descender()),
            shaper,
            pdf,
        });
    }
    Some(Fonts { faces })
}

/// The face that draws `ch` in style `wanted`: the wanted face when it has
/// the glyph, else the first of Arabic, Hebrew, sans, serif that has it.
pub fn face_for(fonts: &Fonts, wanted: Face, ch: char) -> Face {
    if is_invisible(ch) || fonts.get(wanted).shaper.glyph_index(ch).is_some() {
        return wanted;
    }
    let bold = matches!(wanted, Face::SerifBold | Face::SerifBoldItalic | Face::SansBold);
    for f in [Face::Arabic, Face::Hebrew, Face::Sans.bold(bold), Face::Serif] {
        if fonts.get(f).shaper.glyph_index(ch).is_some() {
            return f;
        }
    }
    wanted
}

/// Characters that take no glyph of their own and so must stay with the
/// run around them rather than force a change of face.
fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || ch.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_faces_draw_a_true_narrow_no_break_space() {
        let fonts = fonts().expect("the bundled fonts load");
        for face in [Face::Serif, Face::SerifItalic, Face::Sans, Face::SansBold] {
            let f = &fonts.get(face).shaper;
            let space = f.glyph_index(' ').and_then(|g| f.glyph_hor_advance(g));
            let thin = f.glyph_index('\u{202F}').and_then(|g| f.glyph_hor_advance(g));
            assert!(thin.is_some(), "{face:?} has U+202F, so French spacing needs no fallback");
            assert!(thin < space, "{face:?}: the narrow no-break space is narrower than a space ({thin:?} vs {space:?})");
        }
    }
}
