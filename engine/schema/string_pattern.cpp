#include "engine/schema/string_pattern.h"

#include <bitset>

namespace loadstar::schema {

namespace {

constexpr std::int64_t kUnbounded = kUnboundedLength;
constexpr int kMaxNesting = 200;

using CharSet = std::bitset<128>;

CharSet range(int lo, int hi) {
    CharSet set;
    for (int c = lo; c <= hi; ++c)
        set.set(static_cast<std::size_t>(c));
    return set;
}

const CharSet& printable() {
    static const CharSet set = range(32, 126);
    return set;
}
const CharSet& digits() {
    static const CharSet set = range('0', '9');
    return set;
}
const CharSet& alnum() {
    static const CharSet set = range('0', '9') | range('a', 'z') | range('A', 'Z');
    return set;
}
const CharSet& word() {
    static const CharSet set = [] {
        CharSet s = alnum();
        s.set('_');
        return s;
    }();
    return set;
}
const CharSet& spaces() {
    static const CharSet set = [] {
        CharSet s;
        for (const char c : {' ', '\t', '\n', '\r', '\f', '\v'})
            s.set(static_cast<std::size_t>(c));
        return s;
    }();
    return set;
}
const CharSet& punctuation() {
    static const CharSet set = range('!', '/') | range(':', '@') | range('[', '`') | range('{', '~');
    return set;
}

CharSet complement(const CharSet& set) {
    return printable() & ~set;
}

using Node = StringGenerator::Node;

// Characters to draw for a set. Sets that are wide by nature (`.`, negations, \S)
// draw from their letters and digits when they have any, so samples stay readable.
std::optional<Node> charsNode(const CharSet& set, bool preferAlnum) {
    CharSet chosen = set & printable();
    if (preferAlnum && (chosen & alnum()).any()) chosen &= alnum();
    if (chosen.none()) chosen = set;
    chosen.reset(0);
    if (chosen.none()) return std::nullopt;
    Node n = Node::ofKind(Node::Kind::Chars);
    for (std::size_t c = 0; c < chosen.size(); ++c) {
        if (chosen.test(c)) n.chars += static_cast<char>(c);
    }
    return n;
}

Node anchorNode(char anchor) {
    Node n = Node::ofKind(Node::Kind::ZeroWidth);
    n.anchor = anchor;
    return n;
}

Node literal(char c) {
    Node n = Node::ofKind(Node::Kind::Chars);
    n.chars = std::string(1, c);
    return n;
}

// A recursive-descent reader for the RE2 subset that API patterns use: literals,
// escapes, classes, `.`, groups, alternation, quantifiers and anchors. RE2 has
// already accepted the pattern, so the reader only needs to understand it, not to
// diagnose it; anything it does not know makes it give up.
class PatternReader {
  public:
    explicit PatternReader(std::string_view pattern) : p_(pattern) {}

    std::optional<Node> read() {
        std::optional<Node> n = alternation(0);
        if (!n || pos_ != p_.size()) return std::nullopt;
        return n;
    }

  private:
    bool atEnd() const { return pos_ >= p_.size(); }
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < p_.size() ? p_[pos_ + ahead] : '\0'; }

    std::optional<Node> alternation(int depth) {
        if (depth > kMaxNesting) return std::nullopt;
        Node alt = Node::ofKind(Node::Kind::Alternate);
        std::optional<Node> first = concatenation(depth);
        if (!first) return std::nullopt;
        alt.children.push_back(std::move(*first));
        while (!atEnd() && peek() == '|') {
            ++pos_;
            std::optional<Node> next = concatenation(depth);
            if (!next) return std::nullopt;
            alt.children.push_back(std::move(*next));
        }
        if (alt.children.size() == 1) return std::move(alt.children.front());
        return alt;
    }

    std::optional<Node> concatenation(int depth) {
        Node seq = Node::ofKind(Node::Kind::Concat);
        while (!atEnd() && peek() != '|' && peek() != ')') {
            std::optional<Node> item = repeated(depth);
            if (!item) return std::nullopt;
            seq.children.push_back(std::move(*item));
        }
        return seq;
    }

    // {m}, {m,} or {m,n} at the current position; RE2 reads anything else as literal text.
    bool braces(std::int64_t& lo, std::int64_t& hi) {
        std::size_t i = pos_ + 1;
        auto number = [&](std::int64_t& out) {
            const std::size_t start = i;
            out = 0;
            while (i < p_.size() && p_[i] >= '0' && p_[i] <= '9' && i - start < 6) {
                out = out * 10 + (p_[i] - '0');
                ++i;
            }
            return i > start;
        };
        if (!number(lo)) return false;
        hi = lo;
        if (i < p_.size() && p_[i] == ',') {
            ++i;
            if (!number(hi)) hi = kUnbounded;
        }
        if (i >= p_.size() || p_[i] != '}') return false;
        pos_ = i + 1;
        return true;
    }

    std::optional<Node> repeated(int depth) {
        std::optional<Node> atom = this->atom(depth);
        if (!atom) return std::nullopt;
        while (!atEnd()) {
            std::int64_t lo = 0;
            std::int64_t hi = kUnbounded;
            const char c = peek();
            if (c == '*') {
                ++pos_;
            } else if (c == '+') {
                lo = 1;
                ++pos_;
            } else if (c == '?') {
                hi = 1;
                ++pos_;
            } else if (c != '{' || !braces(lo, hi)) {
                break;
            }
            if (!atEnd() && peek() == '?') ++pos_;  // lazy: matches the same strings
            Node rep = Node::ofKind(Node::Kind::Repeat);
            rep.repeatMin = lo;
            rep.repeatMax = hi;
            rep.children.push_back(std::move(*atom));
            atom = std::move(rep);
        }
        return atom;
    }

    std::optional<Node> atom(int depth) {
        const char c = peek();
        ++pos_;
        switch (c) {
            case '(':
                return group(depth);
            case '[':
                return charClass();
            case '.':
                return charsNode(printable(), true);
            case '^':
            case '$':
                return anchorNode(c);
            case '\\':
                return escape();
            default:
                if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
                return literal(c);
        }
    }

    std::optional<Node> group(int depth) {
        if (peek() == '?') {
            ++pos_;
            if (peek() == 'P' || peek() == '<') {
                const std::size_t close = p_.find('>', pos_);
                if (close == std::string_view::npos) return std::nullopt;
                pos_ = close + 1;
            } else {
                // Flags such as (?i) or (?i:...). Case folding and dot-all only widen
                // what matches, so the walker can ignore them; RE2 checks the result.
                while (!atEnd() && peek() != ')' && peek() != ':')
                    ++pos_;
                if (atEnd()) return std::nullopt;
                if (peek() == ')') {
                    ++pos_;
                    return Node::ofKind(Node::Kind::ZeroWidth);
                }
                ++pos_;
            }
        }
        std::optional<Node> inner = alternation(depth + 1);
        if (!inner || atEnd() || peek() != ')') return std::nullopt;
        ++pos_;
        return inner;
    }

    static std::optional<CharSet> unicodeClass(std::string_view name) {
        if (name == "L") return range('a', 'z') | range('A', 'Z');
        if (name == "Lu") return range('A', 'Z');
        if (name == "Ll") return range('a', 'z');
        if (name == "N" || name == "Nd") return digits();
        if (name == "P") return punctuation();
        return std::nullopt;
    }

    // \pL, \p{Lu}, \PN... after the backslash and the letter.
    std::optional<CharSet> unicodeEscape(bool negated) {
        std::string_view name;
        if (peek() == '{') {
            const std::size_t close = p_.find('}', pos_);
            if (close == std::string_view::npos) return std::nullopt;
            name = p_.substr(pos_ + 1, close - pos_ - 1);
            pos_ = close + 1;
        } else {
            name = p_.substr(pos_, 1);
            ++pos_;
        }
        if (!name.empty() && name.front() == '^') {
            negated = !negated;
            name.remove_prefix(1);
        }
        std::optional<CharSet> set = unicodeClass(name);
        if (set && negated) set = complement(*set);
        return set;
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // \xHH or \x{H...}, after the x. Only ASCII is supported.
    std::optional<char> hexEscape() {
        int value = 0;
        if (peek() == '{') {
            const std::size_t close = p_.find('}', pos_);
            if (close == std::string_view::npos || close - pos_ > 7) return std::nullopt;
            for (std::size_t i = pos_ + 1; i < close; ++i) {
                const int digit = hexValue(p_[i]);
                if (digit < 0) return std::nullopt;
                value = value * 16 + digit;
            }
            pos_ = close + 1;
        } else {
            const int hi = hexValue(peek());
            const int lo = hexValue(peek(1));
            if (hi < 0 || lo < 0) return std::nullopt;
            value = hi * 16 + lo;
            pos_ += 2;
        }
        if (value <= 0 || value >= 0x80) return std::nullopt;
        return static_cast<char>(value);
    }

    // What an escape stands for, after the backslash: a set of characters.
    // `wide` tells whether the set is wide by nature (\D, \W, \S).
    struct Escaped {
        CharSet set;
        bool wide = false;
        bool single = false;  // one character: usable as a range bound in a class
        char ch = 0;
    };

    std::optional<Escaped> escapedChars() {
        if (atEnd()) return std::nullopt;
        const char c = peek();
        ++pos_;
        Escaped e;
        auto one = [&](char ch) {
            e.single = true;
            e.ch = ch;
            e.set.set(static_cast<std::size_t>(ch));
            return e;
        };
        switch (c) {
            case 'd':
                e.set = digits();
                return e;
            case 'D':
                e.set = complement(digits());
                e.wide = true;
                return e;
            case 'w':
                e.set = word();
                return e;
            case 'W':
                e.set = complement(word());
                e.wide = true;
                return e;
            case 's':
                e.set.set(' ');
                return e;
            case 'S':
                e.set = complement(spaces());
                e.wide = true;
                return e;
            case 'p':
            case 'P': {
                std::optional<CharSet> set = unicodeEscape(c == 'P');
                if (!set) return std::nullopt;
                e.set = *set;
                e.wide = c == 'P';
                return e;
            }
            case 'n':
                return one('\n');
            case 't':
                return one('\t');
            case 'r':
                return one('\r');
            case 'f':
                return one('\f');
            case 'v':
                return one('\v');
            case 'x': {
                std::optional<char> ch = hexEscape();
                if (!ch) return std::nullopt;
                return one(*ch);
            }
            default:
                // Escaped punctuation stands for itself; letters and digits that are
                // not handled above are classes or back-references we do not model.
                if (static_cast<unsigned char>(c) >= 0x80 || (c >= '0' && c <= '9') ||
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                    return std::nullopt;
                }
                return one(c);
        }
    }

    std::optional<Node> escape() {
        const char c = peek();
        if (c == 'b' || c == 'B') {
            ++pos_;
            return Node::ofKind(Node::Kind::ZeroWidth);
        }
        if (c == 'A' || c == 'z') {
            ++pos_;
            return anchorNode(c == 'A' ? '^' : '$');
        }
        if (c == 'Q') {
            ++pos_;
            const std::size_t end = p_.find("\\E", pos_);
            const std::size_t stop = end == std::string_view::npos ? p_.size() : end;
            Node seq = Node::ofKind(Node::Kind::Concat);
            for (std::size_t i = pos_; i < stop; ++i) {
                if (static_cast<unsigned char>(p_[i]) >= 0x80) return std::nullopt;
                seq.children.push_back(literal(p_[i]));
            }
            pos_ = end == std::string_view::npos ? p_.size() : end + 2;
            return seq;
        }
        std::optional<Escaped> e = escapedChars();
        if (!e) return std::nullopt;
        return charsNode(e->set, e->wide);
    }

    static std::optional<CharSet> posixClass(std::string_view name) {
        if (name == "alpha") return range('a', 'z') | range('A', 'Z');
        if (name == "digit") return digits();
        if (name == "alnum") return alnum();
        if (name == "upper") return range('A', 'Z');
        if (name == "lower") return range('a', 'z');
        if (name == "space") return spaces();
        if (name == "blank") return range(' ', ' ') | range('\t', '\t');
        if (name == "punct") return punctuation();
        if (name == "xdigit") return digits() | range('a', 'f') | range('A', 'F');
        if (name == "word") return word();
        if (name == "print") return printable();
        if (name == "graph") return range(33, 126);
        if (name == "cntrl") return range(1, 31);
        if (name == "ascii") return range(1, 127);
        return std::nullopt;
    }

    std::optional<Node> charClass() {
        bool negated = false;
        if (peek() == '^') {
            negated = true;
            ++pos_;
        }
        CharSet set;
        bool first = true;
        while (true) {
            if (atEnd()) return std::nullopt;
            const char c = peek();
            if (c == ']' && !first) {
                ++pos_;
                break;
            }
            first = false;
            if (c == '[' && peek(1) == ':') {
                const std::size_t close = p_.find(":]", pos_ + 2);
                if (close == std::string_view::npos) return std::nullopt;
                std::string_view name = p_.substr(pos_ + 2, close - pos_ - 2);
                const bool posixNegated = !name.empty() && name.front() == '^';
                if (posixNegated) name.remove_prefix(1);
                std::optional<CharSet> posix = posixClass(name);
                if (!posix) return std::nullopt;
                set |= posixNegated ? complement(*posix) : *posix;
                pos_ = close + 2;
                continue;
            }
            std::optional<char> lo = classChar(set);
            if (!lo) {
                if (failed_) return std::nullopt;
                continue;  // a class escape such as \d was added to the set
            }
            if (peek() == '-' && peek(1) != ']' && pos_ + 1 < p_.size()) {
                ++pos_;
                CharSet ignored;
                std::optional<char> hi = classChar(ignored);
                if (!hi || *hi < *lo) return std::nullopt;
                set |= range(*lo, *hi);
            } else {
                set.set(static_cast<std::size_t>(*lo));
            }
        }
        if (negated) return charsNode(complement(set), true);
        return charsNode(set, false);
    }

    // One member of a class: a single character (returned), or a class escape that is
    // added to `set` (nullopt with failed_ unset).
    std::optional<char> classChar(CharSet& set) {
        const char c = peek();
        ++pos_;
        if (static_cast<unsigned char>(c) >= 0x80) {
            failed_ = true;
            return std::nullopt;
        }
        if (c != '\\') return c;
        std::optional<Escaped> e = escapedChars();
        if (!e) {
            failed_ = true;
            return std::nullopt;
        }
        if (e->single) return e->ch;
        set |= e->set;
        return std::nullopt;
    }

    std::string_view p_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

}  // namespace

std::optional<Node> readPattern(std::string_view pattern) {
    return PatternReader(pattern).read();
}

Node alnumChar() {
    return *charsNode(alnum(), false);
}

}  // namespace loadstar::schema
