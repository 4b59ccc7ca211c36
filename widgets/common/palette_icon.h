#pragma once

#include <QIcon>
#include <QPalette>

namespace loadstar::widgets {

// The toolbar's icons: line art in resources/icons/actions/*.svg (compiled in from
// resources/loadstar.qrc), recoloured for a palette (its button text, with the
// highlight colour for accents) at whatever size and scale they are asked for.
// The style's stock icons are drawn for a light background and all but vanish on a
// dark one; these follow the palette, and the window makes them again when the
// palette changes.
class PaletteIcon {
  public:
    enum class Glyph { New, Open, Save, Undo, Redo, AddModel, AddEndpoint, Export, Start, Stop };

    static QIcon make(Glyph glyph, const QPalette& palette);
};

}  // namespace loadstar::widgets
