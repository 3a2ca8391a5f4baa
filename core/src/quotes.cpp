// Quotations and their speakers.
//
// The extractor reads an article's paragraphs in order, keeping a little discourse state (the
// last organisation, country, person and document named as a subject, the last speaker) so that
// `it said`, `the ministry said`, `the document said`, `he said` and bare quotation paragraphs can
// be resolved. Per paragraph it
//   1. finds quoted spans: straight or curly double marks, nested single marks are left inside;
//      a mark left open at the end of a paragraph is the newswire convention for a quotation that
//      continues into the next paragraph (which opens with a mark again);
//   2. tokenises the text outside the spans, each span becoming one token, and cuts sentences;
//   3. finds attributions: a reporting verb with its speaker phrase before it (`X said`, `X, in a
//      statement, said`) or after it (`said X`), `according to X`, `X put it`, `X was quoted as
//      saying`;
//   4. decides which spans are direct quotations (see is_direct_quotation for the scare-quote
//      rule) and gives each its speaker;
//   5. resolves speaker phrases to actor ids through the gazetteer, or to a normalised name.
// Transcripts (`MS. JEAN-PIERRE:`, `Q`, `THE PRESIDENT:`) and speeches are handled per paragraph
// before any of this. The rules and the speaker format are documented in quotes.hpp.
#include "dossier/quotes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dossier {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

using WordSet = std::unordered_set<std::string_view>;

bool in(const WordSet& set, std::string_view key) {
    return set.count(key) != 0;
}

// ---------------------------------------------------------------------------------------------
// Word lists. Keys are lower case, without dots, without a possessive suffix.

// Reporting verbs. Present-tense forms that are more often nouns (claims, reports, notes, states)
// are left out: "sovereignty claims" must not become an attribution.
const WordSet& reporting_verbs() {
    static const WordSet set = {
        "said",       "says",       "say",        "told",       "tells",        "added",
        "adds",       "warned",     "warns",      "wrote",      "writes",       "stated",
        "declared",   "declares",   "noted",      "explained",  "explains",     "insisted",
        "insists",    "argued",     "argues",     "asked",      "replied",      "replies",
        "responded",  "concluded",  "announced",  "claimed",    "stressed",     "stresses",
        "emphasised", "emphasized", "emphasises", "emphasizes", "acknowledged", "admitted",
        "observed",   "remarked",   "commented",  "cautioned",  "urged",        "urges",
        "vowed",      "vows",       "pledged",    "promised",   "recalled",     "recalls",
        "predicted",  "suggested",  "complained", "conceded",   "countered",    "affirmed",
        "reiterated", "confirmed",  "contended",  "lamented",   "tweeted",      "boasted",
        "alleged",    "quipped",    "answered",   "shouted",    "underscored",  "exclaimed",
        "testified",  "recounted",  "mused",      "joked",      "cautions",     "warn",
        "reaffirmed", "reaffirms",  "reiterates", "announces",
    };
    return set;
}

// Words that may sit between a speaker phrase and its verb: "the ministry later said".
const WordSet& verb_modifiers() {
    static const WordSet set = {
        "has",      "have",        "had",          "also",       "later",      "earlier",
        "again",    "then",        "further",      "previously", "repeatedly", "once",
        "recently", "separately",  "publicly",     "privately",  "reportedly", "routinely",
        "often",    "always",      "never",        "still",      "just",       "already",
        "quickly",  "immediately", "simply",       "flatly",     "was",        "is",
        "were",     "would",       "will",         "firmly",     "bluntly",    "angrily",
        "calmly",   "frequently",  "subsequently", "initially",  "first",      "last",
        "both",     "all",         "himself",      "herself",    "itself",     "themselves",
        "did",      "does",        "do",           "who",        "which",
    };
    return set;
}

// First words of a comma segment that is an adverbial, not the subject: "In a statement, the
// ministry said", "Asked whether ..., Reyes replied".
const WordSet& adverbial_starters() {
    static const WordSet set = {
        "in",         "on",        "at",          "during",       "after",     "before",
        "when",       "while",     "speaking",    "asked",        "meanwhile", "however",
        "separately", "earlier",   "later",       "last",         "for",       "with",
        "despite",    "although",  "though",      "if",           "because",   "since",
        "following",  "amid",      "also",        "but",          "and",       "under",
        "by",         "from",      "over",        "within",       "without",   "through",
        "yesterday",  "today",     "tonight",     "monday",       "tuesday",   "wednesday",
        "thursday",   "friday",    "saturday",    "sunday",       "still",     "yet",
        "instead",    "moreover",  "nonetheless", "nevertheless", "indeed",    "again",
        "so",         "now",       "then",        "once",         "writing",   "addressing",
        "responding", "referring", "as",          "according",    "until",     "throughout",
        "across",     "about",     "against",     "unlike",       "like",      "whether",
        "where",      "who",       "which",       "whose",        "that",
    };
    return set;
}

// Words that start a post-modifier of a speaker phrase: cut there ("a US diplomat who took part",
// "two diplomats familiar with the talks", "a sergeant from Ohio").
const WordSet& phrase_cutters() {
    static const WordSet set = {
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "from",
        "familiar",
        "with",
        "in",
        "at",
        "on",
        "of",
        "for",
        "based",
        "close",
        "speaking",
        "during",
        "after",
        "before",
        "when",
        "while",
        "to",
        "whose",
        "representing",
        "briefed",
        "involved",
        "knowledgeable",
        "participating",
        "attending",
        "near",
    };
    return set;
}

const WordSet& determiners() {
    static const WordSet set = {"a",       "an",   "the",  "one",     "two",   "three", "four",
                                "five",    "six",  "some", "several", "many",  "few",   "other",
                                "another", "both", "all",  "this",    "these", "those", "his",
                                "her",     "our",  "my",   "your",    "its",   "their", "as"};
    return set;
}

const WordSet& pronouns() {
    static const WordSet set = {"he", "she", "it", "they", "we", "i", "him", "them", "you"};
    return set;
}

// Speaker phrases headed by these name a person by role, not by name ("a US official").
const WordSet& person_roles() {
    static const WordSet set = {
        "official",      "officials",  "source",      "sources",       "diplomat",
        "diplomats",     "analyst",    "analysts",    "expert",        "experts",
        "aide",          "aides",      "officer",     "officers",      "lawmaker",
        "lawmakers",     "legislator", "legislators", "sergeant",      "soldier",
        "soldiers",      "general",    "generals",    "admiral",       "commander",
        "commanders",    "minister",   "ministers",   "secretary",     "president",
        "envoy",         "ambassador", "negotiator",  "negotiators",   "researcher",
        "researchers",   "professor",  "resident",    "residents",     "fisherman",
        "fishermen",     "worker",     "workers",     "veteran",       "veterans",
        "leader",        "leaders",    "chief",       "adviser",       "advisor",
        "advisers",      "advisors",   "observer",    "observers",     "critic",
        "critics",       "spokesman",  "spokeswoman", "spokesperson",  "spokespeople",
        "spokespersons", "reporter",   "reporters",   "director",      "governor",
        "mayor",         "senator",    "congressman", "congresswoman", "representative",
        "chairman",      "chairwoman", "premier",     "chancellor",    "colonel",
        "captain",       "pilot",      "sailor",      "marine",        "troops",
        "people",        "person",     "man",         "woman",         "student",
        "students",      "scholar",    "scholars",    "academic",      "academics",
        "member",        "members",    "staffer",     "staffers",      "allies",
        "ally",          "partners",   "voter",       "voters",        "activist",
        "activists",     "witness",    "witnesses",   "executive",     "executives",
        "engineer",      "engineers",  "judge",       "prosecutor",    "prosecutors",
        "moderator",     "audience",   "participant", "participants",  "operator",
        "interpreter",   "speaker",    "host",        "historian",     "strategist",
        "strategists",   "planner",    "planners",    "deputy",        "head",
    };
    return set;
}

const WordSet& spokesperson_words() {
    static const WordSet set = {"spokesman", "spokeswoman", "spokesperson", "spokespeople",
                                "spokespersons"};
    return set;
}

// A document as subject: "the document said" speaks for its author.
const WordSet& document_nouns() {
    static const WordSet set = {
        "document",   "documents",   "report",     "review",    "strategy",   "statement",
        "release",    "communique",  "communiqué", "memo",      "memorandum", "paper",
        "assessment", "declaration", "directive",  "guidance",  "study",      "text",
        "letter",     "readout",     "posture",    "blueprint", "plan",       "white",
    };
    return set;
}

// Organisation heads that resolve through the country named with them.
const WordSet& ministry_nouns() {
    static const WordSet set = {"ministry", "department", "ministries"};
    return set;
}
const WordSet& government_nouns() {
    static const WordSet set = {"government", "administration", "cabinet", "authorities", "regime"};
    return set;
}
const WordSet& military_nouns() {
    static const WordSet set = {"military", "army", "navy", "forces", "militaries"};
    return set;
}

// Titles and honorifics dropped from the front of a name: "Defence Minister Ahn Gyu-back" is
// "ahn gyu-back", "PRESIDENT YOON" is "yoon", "MS. JEAN-PIERRE" is "jean-pierre".
const WordSet& title_words() {
    static const WordSet set = {
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "deputy",
        "defence",
        "defense",
        "foreign",
        "general",
        "gen",
        "admiral",
        "adm",
        "colonel",
        "col",
        "lieutenant",
        "lt",
        "major",
        "maj",
        "captain",
        "capt",
        "sergeant",
        "sgt",
        "ambassador",
        "senator",
        "sen",
        "representative",
        "rep",
        "governor",
        "gov",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "director",
        "chief",
        "commander",
        "cmdr",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press",
        "national",
        "security",
        "adviser",
        "advisor",
        "leader",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "mr",
        "ms",
        "mrs",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "state",
        "the",
        "senior",
        "administration",
        "official",
        "special",
        "envoy",
        "first",
        "lady",
        "gentleman",
        "second",
        "attorney",
        "judge",
        "justice",
        "speaker",
        "majority",
        "minority",
        "whip",
        "marshal",
        "air",
        "staff",
        "joint",
        "interior",
        "finance",
        "trade",
        "unification",
        "army",
        "navy",
        "naval",
        "operations",
        "under",
        "assistant",
        "principal",
        "coordinator",
        "acting",
        "his",
        "her",
        "excellency",
        "majesty",
        "highness",
        "honorable",
        "congressman",
        "congresswoman",
        "member",
        "ambassadors",
        "generals",
        "former",
        "retired",
        "rear",
        "fleet",
        "ret",
        "u.s",
        "us",
        "affairs",
        "relations",
        "committee",
        "senate",
        "house",
        "council",
        "board",
        "editorial",
        "international",
        "executive",
        "ceo",
        "founder",
        "cofounder",
        "co-founder",
        "vice-president",
        "secretary-general",
        "prime-minister",
        "managing",
        "partner",
        "of",
        "and",
        "for",
        "on",
    };
    return set;
}

// Labels in capitals that are not speakers: memo fields, notes, datelines.
const WordSet& non_speaker_labels() {
    static const WordSet set = {
        "subject",     "note",       "notes",
        "memorandum",  "from",       "to",
        "re",          "date",       "cc",
        "update",      "updated",    "editor's note",
        "source",      "sources",    "photo",
        "watch",       "read",       "also read",
        "related",     "video",      "transcript",
        "purpose",     "background", "summary",
        "section",     "sec",        "part",
        "article",     "title",      "authority",
        "definitions", "policy",     "end",
        "q and a",     "qa",         "faq",
        "caption",     "credit",     "warning",
        "breaking",    "exclusive",  "analysis",
        "opinion",     "correction", "clarification",
    };
    return set;
}

// Abbreviations whose period does not end a sentence.
const WordSet& abbreviations() {
    static const WordSet set = {
        "mr",   "ms",   "mrs",  "dr",   "gen",    "adm",    "col",  "lt",  "sgt",  "capt", "cmdr",
        "maj",  "sen",  "rep",  "gov",  "st",     "no",     "jan",  "feb", "mar",  "apr",  "jun",
        "jul",  "aug",  "sep",  "sept", "oct",    "nov",    "dec",  "vs",  "etc",  "jr",   "sr",
        "inc",  "co",   "corp", "ltd",  "mt",     "ft",     "prof", "rev", "pres", "dept", "est",
        "gens", "adms", "reps", "sens", "messrs", "approx", "ret",  "fig", "op",   "vol",  "pp",
    };
    return set;
}

// ---------------------------------------------------------------------------------------------
// Characters.

bool is_space(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_alnum(unsigned char c) {
    return std::isalnum(c) != 0;
}
bool is_upper(unsigned char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(unsigned char c) {
    return c >= 'a' && c <= 'z';
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool starts_with_at(std::string_view s, std::size_t i, std::string_view what) {
    return i <= s.size() && s.substr(i, what.size()) == what;
}

// Typographic characters that are punctuation, not word material: dashes, curly quotes and
// apostrophes, ellipsis, no-break space, guillemets. Returns the sequence length or 0.
std::size_t typographic_at(std::string_view s, std::size_t i) {
    static constexpr std::array<std::string_view, 10> seqs = {
        "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
        "\xE2\x80\x9D", "\xE2\x80\xA6", "\xC2\xA0",     "\xC2\xAB",     "\xC2\xBB"};
    for (std::string_view seq : seqs)
        if (starts_with_at(s, i, seq)) return seq.size();
    return 0;
}

constexpr std::string_view open_curly = "\xE2\x80\x9C";
constexpr std::string_view close_curly = "\xE2\x80\x9D";
constexpr std::string_view right_single = "\xE2\x80\x99";  // also the typographic apostrophe
constexpr std::string_view ellipsis = "\xE2\x80\xA6";

bool word_byte_at(std::string_view s, std::size_t i) {
    if (i >= s.size()) return false;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return is_alnum(c);
    return typographic_at(s, i) == 0;  // a letter of some other script, or a continuation byte
}

// ---------------------------------------------------------------------------------------------
// Markup. Briefing-room Markdown carries HTML tags and link targets whose attribute quotes and
// URLs are not text: `[Rutte](https://...): "…"`, `<img src="...">`.

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

Ranges markup_ranges(std::string_view p) {
    Ranges out;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '<' && i + 1 < p.size() &&
            (std::isalpha(static_cast<unsigned char>(p[i + 1])) != 0 || p[i + 1] == '/')) {
            const std::size_t close = p.find('>', i);
            if (close != std::string_view::npos && close - i < 4000) {
                out.emplace_back(i, close + 1);
                i = close;
            }
        } else if (p[i] == ']' && i + 1 < p.size() && p[i + 1] == '(') {
            std::size_t depth = 0, j = i + 1;
            for (; j < p.size() && j - i < 4000; ++j) {
                if (p[j] == '(') ++depth;
                if (p[j] == ')' && --depth == 0) break;
                if (p[j] == ' ' || p[j] == '\n') break;  // not a link target
            }
            if (j < p.size() && p[j] == ')') {
                out.emplace_back(i + 1, j + 1);
                i = j;
            }
        }
    }
    return out;
}

// End of the markup range starting at `i`, or `i` when none starts there.
std::size_t skip_markup(const Ranges& markup, std::size_t i) {
    for (const auto& [b, e] : markup)
        if (b == i) return e;
    return i;
}

// ---------------------------------------------------------------------------------------------
// Quoted spans.

struct Span {
    std::size_t mark_begin = 0;  // the opening mark (== inner_begin when there is none)
    std::size_t inner_begin = 0;
    std::size_t inner_end = 0;
    std::size_t mark_end = 0;  // just after the closing mark (== inner_end when unclosed)
    bool opened = true;        // has an opening mark
    bool closed = true;        // has a closing mark
};

// Double-mark spans of a paragraph. Straight marks alternate; curly ones say which way they face.
// Single marks are left alone: they nest inside double ones (and are apostrophes otherwise).
std::vector<Span> find_spans(std::string_view p, const Ranges& markup) {
    std::vector<Span> spans;
    bool inside = false;
    Span cur;
    auto open_at = [&](std::size_t i, std::size_t len) {
        cur = Span{};
        cur.mark_begin = i;
        cur.inner_begin = i + len;
        inside = true;
    };
    auto close_at = [&](std::size_t i, std::size_t len) {
        cur.inner_end = i;
        cur.mark_end = i + len;
        if (cur.inner_end > cur.inner_begin) spans.push_back(cur);
        inside = false;
    };
    for (std::size_t i = 0; i < p.size();) {
        if (const std::size_t m = skip_markup(markup, i); m != i) {
            i = m;
            continue;
        }
        if (p[i] == '"') {
            if (inside)
                close_at(i, 1);
            else
                open_at(i, 1);
            ++i;
        } else if (starts_with_at(p, i, open_curly)) {
            if (inside) {  // two openers in a row: the first quotation was never closed
                cur.inner_end = i;
                cur.mark_end = i;
                cur.closed = false;
                if (cur.inner_end > cur.inner_begin) spans.push_back(cur);
            }
            open_at(i, open_curly.size());
            i += open_curly.size();
        } else if (starts_with_at(p, i, close_curly)) {
            if (inside) {
                close_at(i, close_curly.size());
            } else if (spans.empty()) {
                // A closer with no opener: the quotation began in the previous paragraph.
                cur = Span{};
                cur.opened = false;
                cur.mark_begin = 0;
                cur.inner_begin = 0;
                close_at(i, close_curly.size());
            }
            i += close_curly.size();
        } else {
            ++i;
        }
    }
    if (inside) {
        cur.inner_end = p.size();
        cur.mark_end = p.size();
        cur.closed = false;
        if (cur.inner_end > cur.inner_begin) spans.push_back(cur);
    }
    return spans;
}

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool w = word_byte_at(s, i);
        if (w && !in_word) ++n;
        in_word = w;
    }
    return n;
}

// Title Case spans ("Golden Dome for America") are names of things, not speech.
bool is_title_case(std::string_view s) {
    std::size_t words = 0, capitals = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool w = word_byte_at(s, i);
        if (w && !in_word) {
            ++words;
            if (is_upper(static_cast<unsigned char>(s[i]))) ++capitals;
        }
        in_word = w;
    }
    return words >= 2 && capitals * 10 >= words * 7;
}

// The last visible character inside a span is punctuation that ends or interrupts speech.
bool ends_like_speech(std::string_view inner) {
    std::size_t e = inner.size();
    while (e > 0 && is_space(static_cast<unsigned char>(inner[e - 1]))) --e;
    // Skip a nested closing single mark: 'routine patrols,' I take note -> look before it.
    while (e > 0) {
        if (inner[e - 1] == '\'') {
            --e;
        } else if (e >= 3 && inner.substr(e - 3, 3) == right_single) {
            e -= 3;
        } else {
            break;
        }
    }
    if (e == 0) return false;
    const char c = inner[e - 1];
    if (c == ',' || c == '.' || c == '!' || c == '?' || c == '-' || c == ':') return true;
    if (e >= 3) {
        const std::string_view tail = inner.substr(e - 3, 3);
        if (tail == ellipsis || tail == "\xE2\x80\x94" || tail == "\xE2\x80\x93") return true;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Tokens and sentences (outside quoted spans).

enum class TokKind { word, comma, colon, semicolon, dash, paren_open, paren_close, quote };

struct Tok {
    TokKind kind = TokKind::word;
    std::size_t begin = 0;  // bytes in the paragraph
    std::size_t end = 0;
    std::string key;             // words: lower case, dots removed, possessive removed
    bool capital = false;        // starts with an ASCII capital
    bool possessive = false;     // ended in 's
    std::size_t span = npos;     // quote tokens: index into the paragraph's spans
    std::size_t mention = npos;  // words: index of the actor mention covering the word
};

using Sentence = std::vector<Tok>;

struct Paragraph {
    std::string_view text;
    Ranges markup;
    std::vector<ActorMention> mentions;  // sorted, offsets into text
    std::vector<Span> spans;
    std::vector<Sentence> sentences;
    // For each span: the sentence and token index of its quote token.
    std::vector<std::pair<std::size_t, std::size_t>> span_pos;
};

// Mentions are sorted and do not overlap: the last one starting at or before `at`.
std::size_t mention_covering(const std::vector<ActorMention>& mentions, std::size_t at) {
    auto it = std::upper_bound(mentions.begin(), mentions.end(), at,
                               [](std::size_t x, const ActorMention& m) { return x < m.begin; });
    if (it == mentions.begin()) return npos;
    --it;
    return at < it->end ? static_cast<std::size_t>(it - mentions.begin()) : npos;
}

void tokenize(Paragraph& para) {
    const std::string_view p = para.text;
    std::vector<Sentence>& out = para.sentences;
    para.span_pos.assign(para.spans.size(), {npos, npos});
    out.emplace_back();
    auto end_sentence = [&] {
        if (!out.back().empty()) out.emplace_back();
    };
    auto punct = [&](TokKind k, std::size_t b, std::size_t e) {
        Tok t;
        t.kind = k;
        t.begin = b;
        t.end = e;
        out.back().push_back(std::move(t));
    };
    std::size_t next_span = 0;
    for (std::size_t i = 0; i < p.size();) {
        if (next_span < para.spans.size() && i >= para.spans[next_span].mark_begin) {
            const Span& s = para.spans[next_span];
            Tok t;
            t.kind = TokKind::quote;
            t.begin = s.mark_begin;
            t.end = s.mark_end;
            t.span = next_span;
            para.span_pos[next_span] = {out.size() - 1, out.back().size()};
            out.back().push_back(std::move(t));
            i = std::max(i, s.mark_end);
            ++next_span;
            // "…now." He said — the quotation ended the sentence when a capital or another
            // quotation follows; "…now?" he asked — it did not.
            if (!s.closed) {
                end_sentence();
            } else {
                const std::string_view inner = p.substr(s.inner_begin, s.inner_end - s.inner_begin);
                std::size_t e = inner.size();
                while (e > 0 && is_space(static_cast<unsigned char>(inner[e - 1]))) --e;
                const bool terminal =
                    e > 0 && (inner[e - 1] == '.' || inner[e - 1] == '!' || inner[e - 1] == '?' ||
                              (e >= 3 && inner.substr(e - 3, 3) == ellipsis));
                std::size_t j = i;
                while (j < p.size() && is_space(static_cast<unsigned char>(p[j]))) ++j;
                if (terminal && (j >= p.size() || is_upper(static_cast<unsigned char>(p[j])) ||
                                 p[j] == '"' || starts_with_at(p, j, open_curly)))
                    end_sentence();
            }
            continue;
        }
        const auto c = static_cast<unsigned char>(p[i]);
        if (is_space(c)) {
            ++i;
            continue;
        }
        if (const std::size_t m = skip_markup(para.markup, i); m != i) {
            i = m;
            continue;
        }
        if (word_byte_at(p, i)) {
            const std::size_t b = i;
            while (i < p.size()) {
                if (word_byte_at(p, i)) {
                    ++i;
                } else if ((p[i] == '-' || p[i] == '\'' || p[i] == '.' || p[i] == '&') &&
                           word_byte_at(p, i + 1)) {
                    ++i;
                } else if (starts_with_at(p, i, right_single) && word_byte_at(p, i + 3)) {
                    i += right_single.size();
                } else {
                    break;
                }
            }
            Tok t;
            t.begin = b;
            std::string raw(p.substr(b, i - b));
            // Possessive: "Korea's", "Korea’s".
            if (raw.size() > 2 && (raw.ends_with("'s") || raw.ends_with("'S"))) {
                raw.resize(raw.size() - 2);
                t.possessive = true;
            } else if (raw.size() > 4 && raw.ends_with("\xE2\x80\x99s")) {
                raw.resize(raw.size() - 4);
                t.possessive = true;
            }
            t.capital = is_upper(static_cast<unsigned char>(raw[0]));
            std::string key;
            for (char ch : raw)
                if (ch != '.')
                    key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            // A period after an abbreviation, an initial or a dotted acronym (U.S.) belongs to it.
            if (i < p.size() && p[i] == '.') {
                const bool initial = raw.size() == 1 && t.capital;
                if (in(abbreviations(), key) || initial || raw.find('.') != std::string::npos) ++i;
            }
            t.end = i;
            t.key = std::move(key);
            t.mention = mention_covering(para.mentions, b);
            out.back().push_back(std::move(t));
            continue;
        }
        if (c == '.' || c == '!' || c == '?') {
            while (i < p.size() && (p[i] == '.' || p[i] == '!' || p[i] == '?')) ++i;
            end_sentence();
            continue;
        }
        if (starts_with_at(p, i, ellipsis)) {
            i += ellipsis.size();
            continue;  // an ellipsis mostly marks an omission inside a sentence
        }
        if (c == ',') {
            punct(TokKind::comma, i, i + 1);
        } else if (c == ':') {
            punct(TokKind::colon, i, i + 1);
        } else if (c == ';') {
            punct(TokKind::semicolon, i, i + 1);
        } else if (c == '(') {  // not [ ]: Markdown links and editorial insertions
            punct(TokKind::paren_open, i, i + 1);
        } else if (c == ')') {
            punct(TokKind::paren_close, i, i + 1);
        } else if (c == '-' && i + 1 < p.size() &&
                   (p[i + 1] == '-' || is_space(static_cast<unsigned char>(p[i + 1])))) {
            punct(TokKind::dash, i, i + 1);
        } else if (starts_with_at(p, i, "\xE2\x80\x94") || starts_with_at(p, i, "\xE2\x80\x93")) {
            punct(TokKind::dash, i, i + 3);
            i += 3;
            continue;
        }
        const std::size_t typo = typographic_at(p, i);
        i += typo > 0 ? typo : 1;
    }
    if (out.back().empty()) out.pop_back();
}

bool is_word(const Sentence& s, std::size_t i) {
    return i < s.size() && s[i].kind == TokKind::word;
}
bool is_key(const Sentence& s, std::size_t i, std::string_view key) {
    return is_word(s, i) && s[i].key == key;
}
bool is_separator(const Tok& t) {
    return t.kind == TokKind::comma || t.kind == TokKind::dash || t.kind == TokKind::paren_open ||
           t.kind == TokKind::paren_close;
}

// ---------------------------------------------------------------------------------------------
// Attributions.

struct Range {
    std::size_t begin = 0;  // token indexes [begin, end)
    std::size_t end = 0;
    bool empty() const { return begin >= end; }
};

struct Attribution {
    std::size_t verb = npos;  // token index of the reporting verb (or of "according")
    Range head;               // the speaker phrase
    std::vector<Range> appositives;
    bool verb_first = false;          // "…," said X
    bool according = false;           // according to X
    std::size_t after_quote = npos;   // quote token it directly follows: "…," X said
    std::size_t before_quote = npos;  // quote token that directly follows it: X said: "…"
    std::size_t end = 0;              // first token after the attribution clause
};

bool is_reporting_verb(const Sentence& s, std::size_t i) {
    if (!is_word(s, i)) return false;
    const Tok& t = s[i];
    if (t.capital && i > 0) return false;  // "the United States", "Says Who" headlines
    if (t.key == "put") return is_key(s, i + 1, "it");
    if (t.key == "quoted" || t.key == "cited")
        return i > 0 && (is_key(s, i - 1, "was") || is_key(s, i - 1, "is") ||
                         is_key(s, i - 1, "were") || is_key(s, i - 1, "been"));
    if (t.capital) return false;
    return in(reporting_verbs(), t.key);
}

// Comma-separated segments of [b, e) that contain words.
std::vector<Range> segments(const Sentence& s, std::size_t b, std::size_t e) {
    std::vector<Range> out;
    std::size_t start = b;
    for (std::size_t i = b; i <= e; ++i) {
        if (i == e || is_separator(s[i])) {
            bool words = false;
            for (std::size_t k = start; k < i; ++k) words = words || s[k].kind == TokKind::word;
            if (words) out.push_back({start, i});
            start = i + 1;
        }
    }
    return out;
}

std::size_t word_count(const Sentence& s, Range r) {
    std::size_t n = 0;
    for (std::size_t i = r.begin; i < r.end; ++i) n += s[i].kind == TokKind::word ? 1 : 0;
    return n;
}

bool is_adverbial(const Sentence& s, Range r) {
    return is_word(s, r.begin) && in(adverbial_starters(), s[r.begin].key);
}

// A speaker phrase starts like a noun phrase: a determiner, a pronoun, a capital or a mention.
// Right after a quotation anything may start it: "…," foreign ministry spokesman Lin Jian said.
bool plausible_head(const Sentence& s, Range r, bool after_quote) {
    if (r.empty() || !is_word(s, r.begin)) return false;
    for (std::size_t i = r.begin; i < r.end; ++i)
        if (s[i].kind != TokKind::word) return false;
    const Tok& first = s[r.begin];
    // "former Secretaries of Defense Leon Panetta and Chuck Hagel": a phrase ending in a name.
    const bool ends_in_name = r.end - r.begin >= 2 && s[r.end - 1].capital &&
                              (s[r.end - 2].capital || s[r.end - 1].mention != npos);
    if (!(first.capital || first.mention != npos || in(determiners(), first.key) ||
          in(pronouns(), first.key) || in(person_roles(), first.key) || ends_in_name ||
          (after_quote && r.end - r.begin <= 8)))
        return false;
    const std::string& last = s[r.end - 1].key;
    if (last == "and" || last == "or" || last == "but" || last == "that" || last == "to" ||
        last == "of" || last == "as")
        return false;
    // Pronouns stand alone: "it said", not "it calls ... it said".
    if (in(pronouns(), first.key) && r.end - r.begin > 1) return false;
    return r.end - r.begin <= 12;
}

std::vector<Attribution> find_attributions(const Sentence& s) {
    std::vector<Attribution> out;
    for (std::size_t v = 0; v < s.size(); ++v) {
        // "according to X"
        if (is_key(s, v, "according") && is_key(s, v + 1, "to")) {
            Attribution a;
            a.verb = v;
            a.according = true;
            std::size_t e = v + 2;
            while (e < s.size() && s[e].kind == TokKind::word) ++e;
            a.head = {v + 2, e};
            a.end = e;
            std::size_t q = v;
            while (q > 0 && s[q - 1].kind == TokKind::comma) --q;
            if (q > 0 && s[q - 1].kind == TokKind::quote) a.after_quote = q - 1;
            std::size_t n = e;
            while (n < s.size() && (s[n].kind == TokKind::comma || s[n].kind == TokKind::colon))
                ++n;
            if (n < s.size() && s[n].kind == TokKind::quote) a.before_quote = n;
            if (!a.head.empty()) out.push_back(std::move(a));
            continue;
        }
        if (!is_reporting_verb(s, v)) continue;
        std::size_t np_end = v;
        if (s[v].key == "quoted" || s[v].key == "cited") --np_end;  // "X was quoted as saying"
        while (np_end > 0 && is_word(s, np_end - 1) && in(verb_modifiers(), s[np_end - 1].key))
            --np_end;
        std::size_t start = np_end;
        while (start > 0 && s[start - 1].kind != TokKind::quote &&
               s[start - 1].kind != TokKind::semicolon && s[start - 1].kind != TokKind::colon)
            --start;
        const bool after_q = start > 0 && s[start - 1].kind == TokKind::quote;
        Attribution a;
        a.verb = v;
        std::vector<Range> segs = segments(s, start, np_end);
        if (segs.empty()) {
            // Verb first: "…," said X, a spokesman for Y.
            if (!after_q) continue;
            std::size_t b = v + 1, e = b;
            while (e < s.size() && s[e].kind == TokKind::word &&
                   !(e > b && in(adverbial_starters(), s[e].key) && s[e].key != "for"))
                ++e;
            a.head = {b, e};
            a.verb_first = true;
            a.after_quote = start - 1;
            if (e < s.size() && s[e].kind == TokKind::comma) {
                std::size_t ae = e + 1;
                while (ae < s.size() && s[ae].kind == TokKind::word) ++ae;
                if (ae > e + 1) a.appositives.push_back({e + 1, ae});
                e = ae;
            }
            a.end = e;
        } else if (np_end - 1 > start && is_word(s, np_end - 1) &&
                   in(pronouns(), s[np_end - 1].key)) {
            // "I will never forget what he said to our colleagues: "…"": the pronoun next to the
            // verb is its subject.
            a.head = {np_end - 1, np_end};
            a.end = v + 1;
        } else {
            std::vector<Range> kept;
            for (const Range& r : segs)
                // "As one retired general put it": a subject behind "as", next to the verb.
                if (!is_adverbial(s, r) || (s[r.begin].key == "as" && r.end == np_end))
                    kept.push_back(r);
            if (kept.empty()) continue;
            std::size_t head = 0;
            if (!after_q || kept.front().begin != segs.front().begin) {
                // "<a long clause>, a US official said": the subject is the segment next to the
                // verb; "Elbridge Colby, the Pentagon's top official, said": it is the first one.
                for (std::size_t k = 0; k + 1 < kept.size(); ++k)
                    if (word_count(s, kept[k]) > 6) head = kept.size() - 1;
            }
            a.head = kept[head];
            for (std::size_t k = head + 1; k < kept.size(); ++k) a.appositives.push_back(kept[k]);
            if (after_q && head == 0 && kept.front().begin == segs.front().begin)
                a.after_quote = start - 1;
            a.end = v + 1;
        }
        // Strip a leading "as": "As one retired general put it".
        if (is_key(s, a.head.begin, "as") && a.head.end - a.head.begin > 1) ++a.head.begin;
        if (!plausible_head(s, a.head, a.after_quote != npos)) continue;
        // X said: "…" / X said, "…" / X said that "…" / X told reporters on Monday: "…"
        std::size_t n = v + 1;
        if (s[v].key == "put" || s[v].key == "quoted" || s[v].key == "cited") {
            n = v + 2;  // put it / quoted as
            if (is_key(s, n, "saying")) ++n;
        }
        std::size_t colon = npos;
        for (std::size_t k = n; k < s.size(); ++k) {
            if (s[k].kind == TokKind::quote) {
                bool adjacent = true;
                for (std::size_t m = n; m < k; ++m)
                    adjacent = adjacent && (s[m].kind == TokKind::comma ||
                                            s[m].kind == TokKind::colon || is_key(s, m, "that"));
                if (adjacent || (colon != npos && colon + 1 == k)) a.before_quote = k;
                break;
            }
            if (s[k].kind == TokKind::colon) colon = k;
        }
        out.push_back(std::move(a));
    }
    // "Senator Jim Risch: “…”", "President Liz Shuler, AFL-CIO: “…”": a name and a colon
    // introduce a quotation without a verb (statements, round-ups, social media posts).
    for (std::size_t k = 0; k + 1 < s.size(); ++k) {
        if (s[k].kind != TokKind::colon || s[k + 1].kind != TokKind::quote) continue;
        bool taken = false;
        for (const Attribution& a : out) taken = taken || a.before_quote == k + 1;
        if (taken) continue;
        std::size_t start = k;
        while (start > 0 && s[start - 1].kind != TokKind::quote &&
               s[start - 1].kind != TokKind::semicolon && s[start - 1].kind != TokKind::colon)
            --start;
        while (start < k && is_separator(s[start])) ++start;  // "- Secretary Bessent: "…""
        std::vector<Range> segs = segments(s, start, k);
        while (!segs.empty() && segs.front().begin == start && is_adverbial(s, segs.front())) {
            segs.erase(segs.begin());  // "Today, Senator Risch: "…""
            if (!segs.empty()) start = segs.front().begin;
        }
        if (segs.empty() || segs.front().begin > start + 1) continue;
        std::size_t region_words = 0;
        bool verb = false;
        for (std::size_t i = segs.front().begin; i < k; ++i) {
            region_words += s[i].kind == TokKind::word ? 1 : 0;
            verb = verb || is_reporting_verb(s, i);
        }
        if (region_words > 14 || verb) continue;
        const Range head = segs.front();
        if (word_count(s, head) > 10 || !s[head.end - 1].capital) continue;
        // A title-case name phrase ("Polish Minister of Foreign Affairs Radosław Sikorski"), or
        // one that ends in a full name ("Foreign affairs analyst Jasmine El-Gamal").
        std::size_t lower = 0, run = 0;
        for (std::size_t i = head.begin; i < head.end; ++i) {
            const Tok& t = s[i];
            const bool particle = t.key == "of" || t.key == "for" || t.key == "the" ||
                                  t.key == "and" || t.key == "on" || t.key == "de";
            if (!t.capital && !particle && t.mention == npos) ++lower;
            run = t.capital ? run + 1 : 0;
        }
        if (lower > 0 && run < 2) continue;
        Attribution a;
        a.verb = k;
        a.head = head;
        for (std::size_t i = 1; i < segs.size(); ++i) a.appositives.push_back(segs[i]);
        a.before_quote = k + 1;
        a.end = k + 1;
        out.push_back(std::move(a));
    }
    std::sort(out.begin(), out.end(),
              [](const Attribution& a, const Attribution& b) { return a.verb < b.verb; });
    return out;
}

// ---------------------------------------------------------------------------------------------
// Speakers.

struct Speaker {
    std::string value;  // actor id or normalised name; "" = unknown
    bool person = false;
    bool empty() const { return value.empty(); }
};

struct PersonRef {
    Speaker speaker;
    std::vector<std::string>
        tokens;  // lower-case name tokens, for "Colby said" after "Elbridge Colby"
};

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (is_space(static_cast<unsigned char>(c)) || c == ',') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else if (c != '.') {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

// "vice president" is not "president", "former minister" not "minister".
bool qualified(const std::vector<std::string>& title) {
    static const WordSet qualifiers = {"vice",   "deputy",    "former", "first",     "second",
                                       "acting", "assistant", "under",  "associate", "principal"};
    for (const std::string& w : title)
        if (in(qualifiers, w)) return true;
    return false;
}

// US presidents by inauguration day, to resolve `THE PRESIDENT:` in White House transcripts
// whose title does not name him.
struct Presidency {
    std::string_view from;  // YYYY-MM-DD
    std::string_view name;
    std::string_view surname;
};
constexpr std::array<Presidency, 9> us_presidents = {{
    {"1977-01-20", "Jimmy Carter", "carter"},
    {"1981-01-20", "Ronald Reagan", "reagan"},
    {"1989-01-20", "George H. W. Bush", "bush"},
    {"1993-01-20", "Bill Clinton", "clinton"},
    {"2001-01-20", "George W. Bush", "bush"},
    {"2009-01-20", "Barack Obama", "obama"},
    {"2017-01-20", "Donald Trump", "trump"},
    {"2021-01-20", "Joe Biden", "biden"},
    {"2025-01-20", "Donald Trump", "trump"},
}};

struct State {
    std::string last_country;  // country named last as a subject: "Its defence ministry"
    Speaker last_org;          // organisation named last as a subject: "it said"
    Speaker last_person;       // "he said"
    Speaker last_speaker;      // a bare quotation paragraph continues this speaker
    Speaker doc_author;        // "the document said"
    std::map<std::string, Speaker> by_head;  // "ministry" -> KOR.MND, "official" -> "us official"
    std::vector<PersonRef> persons;
    std::vector<std::string> ministries;  // ministry actors mentioned, latest last
};

class Extractor {
  public:
    Extractor(const Gazetteer& gazetteer, const QuoteContext& context)
        : m_gaz(gazetteer), m_ctx(context) {
        if (!context.author.empty()) m_author = resolve_name_text(context.author);
    }

    struct SpanResult {
        bool quote = false;
        Speaker speaker;
        bool explicit_speaker = false;  // attributed in this paragraph, not continued
    };

    struct ParagraphResult {
        bool quote = false;  // some span is a direct quotation (or a transcript turn)
        Speaker speaker;
        bool explicit_speaker = false;
        bool transcript = false;
        bool open_at_end = false;      // last quotation left open: it continues
        bool opens_with_mark = false;  // first visible character is an opening mark
        bool bare = false;             // quotation with no attribution of its own
        std::vector<Span> spans;
        std::vector<SpanResult> span_results;
        Speaker author;  // speech genre: the passage is spoken by its author
    };

    // A section heading: a bare quotation after it does not continue the previous section.
    void heading() {
        m_state.last_speaker = {};
        m_prev_open_at_end = false;
    }

    void set_has_labels(bool v) { m_article_has_labels = v; }

  private:
    ParagraphResult analyse(std::string_view text, std::vector<ActorMention> mentions);

  public:
    ParagraphResult paragraph(std::string_view text, std::vector<ActorMention> mentions) {
        ParagraphResult r = analyse(text, std::move(mentions));
        m_prev_open_at_end = r.open_at_end;
        return r;
    }

    // Transcript label at the start of a paragraph: returns the label text and where the
    // speech after it starts, or an empty label.
    std::pair<std::string_view, std::size_t> label_at(std::string_view text,
                                                      const std::vector<ActorMention>& mentions,
                                                      bool allow_q) const;

    // Resolved name of a speaker given as text (an author, a title's "President Biden").
    Speaker resolve_name_text(std::string_view name) const;

    Speaker resolve_label(std::string_view label, const std::vector<ActorMention>& mentions);
    Speaker resolve_label_uncached(std::string_view label,
                                   const std::vector<ActorMention>& mentions);

  private:
    std::string actor_type(std::string_view id) const {
        const Actor* a = m_gaz.find(id);
        return a ? a->type : std::string();
    }
    std::string country_of(std::string_view id) const;
    std::string child_of(const std::string& parent, std::string_view stem,
                         std::string_view kind) const;
    Speaker president() const;
    Speaker role_in_title(const std::vector<std::string>& role) const;

    Speaker resolve(const Paragraph& para, const Sentence& s, const Attribution& a);
    Speaker resolve_phrase(const Paragraph& para, const Sentence& s, Range r,
                           const std::vector<Range>& appositives, std::string* head_noun);
    Speaker resolve_name(const Paragraph& para, const Sentence& s, Range run);
    Speaker actor_speaker(std::string_view id) const {
        return Speaker{std::string(id), actor_type(id) == "person"};
    }
    Speaker back_reference(const std::vector<std::string>& tokens) const;

    void remember(const Speaker& sp, const std::string& head_noun);
    void track_subject(const Paragraph& para, const Sentence& s);

    const Gazetteer& m_gaz;
    const QuoteContext& m_ctx;
    State m_state;
    Speaker m_author;
    bool m_in_transcript = false;
    bool m_article_has_labels = false;
    Speaker m_label_speaker;
    std::map<std::string, Speaker> m_label_cache;
    bool m_prev_open_at_end = false;  // the previous paragraph left a quotation open
};

std::string Extractor::country_of(std::string_view id) const {
    if (m_gaz.find(id) == nullptr) return {};
    for (const std::string& anc : m_gaz.with_ancestors(id))
        if (actor_type(anc) == "country") return anc;
    return {};
}

// A sub-actor of `parent` whose names contain `stem` ("defen" finds KOR.MND under KOR), or of type
// `kind` when there is no stem.
std::string Extractor::child_of(const std::string& parent, std::string_view stem,
                                std::string_view kind) const {
    if (parent.empty()) return {};
    for (const Actor& a : m_gaz.actors()) {
        if (a.parent != parent) continue;
        if (stem.empty()) {
            if (a.type == kind) return a.id;
            continue;
        }
        std::string hay = ascii_lower(a.name);
        for (const std::string& alias : a.aliases) hay += " " + ascii_lower(alias);
        if (hay.find(stem) == std::string::npos) continue;
        if (!kind.empty() && kind != "ministry" && a.type != kind) continue;
        if (a.type == "person" || a.type == "country") continue;
        return a.id;
    }
    return {};
}

Speaker Extractor::back_reference(const std::vector<std::string>& tokens) const {
    if (tokens.empty()) return {};
    for (auto it = m_state.persons.rbegin(); it != m_state.persons.rend(); ++it) {
        bool all = true;
        for (const std::string& t : tokens)
            all = all && std::find(it->tokens.begin(), it->tokens.end(), t) != it->tokens.end();
        if (all) return it->speaker;
    }
    return {};
}

Speaker Extractor::resolve_name_text(std::string_view name) const {
    if (name.empty()) return {};
    if (!m_gaz.actors().empty()) {
        if (const Actor* a = m_gaz.resolve(name)) return actor_speaker(a->id);
    }
    std::string out;
    for (const std::string& w : split_words(name)) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return Speaker{out, true};
}

// The person the article's title names with this role: {"vice", "president"} finds "Harris" in
// "Remarks by Vice President Harris and ...". "President" preceded by "Vice" is not the president.
Speaker Extractor::role_in_title(const std::vector<std::string>& role) const {
    if (role.empty()) return {};
    std::vector<std::pair<std::string_view, std::string>> words;  // raw, lower-case key
    const std::string_view title = m_ctx.title;
    for (std::size_t i = 0; i < title.size();) {
        while (i < title.size() && (is_space(static_cast<unsigned char>(title[i])) ||
                                    title[i] == ',' || title[i] == ':' || title[i] == ';'))
            ++i;
        std::size_t e = i;
        while (e < title.size() && !is_space(static_cast<unsigned char>(title[e])) &&
               title[e] != ',' && title[e] != ':' && title[e] != ';')
            ++e;
        if (e > i) {
            std::string_view raw = title.substr(i, e - i);
            if (raw.ends_with("\xE2\x80\x99s") || raw.ends_with("'s"))
                raw.remove_suffix(raw.ends_with("'s") ? 2 : 4);
            std::string key;
            for (char c : raw)
                if (c != '.') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            words.emplace_back(raw, key);
        }
        i = e;
    }
    std::size_t long_words = 0, capitalised = 0;
    for (const auto& [raw, key] : words) {
        if (raw.size() <= 3) continue;
        ++long_words;
        if (is_upper(static_cast<unsigned char>(raw[0]))) ++capitalised;
    }
    const bool title_case_title = long_words >= 3 && capitalised * 5 >= long_words * 4;
    for (std::size_t at = 0; at + role.size() < words.size(); ++at) {
        bool match = true;
        for (std::size_t k = 0; k < role.size(); ++k)
            match = match && words[at + k].second == role[k];
        if (!match) continue;
        if (role.front() == "president" && at > 0 && words[at - 1].second == "vice") continue;
        std::size_t b = at + role.size(), e = b;
        while (e < words.size() && !words[e].first.empty() &&
               is_upper(static_cast<unsigned char>(words[e].first[0])) && e - b < 4)
            ++e;
        if (e == b) continue;
        // In a Title Case title the words after the name are capitalised too ("Vice President
        // Harris Rejects Isolationism"): the longest name the gazetteer knows, else one word.
        if (title_case_title) {
            std::size_t known = 0;
            for (std::size_t n = e; n > b && known == 0; --n) {
                const char* to = words[n - 1].first.data() + words[n - 1].first.size();
                const std::string_view nm(words[b].first.data(),
                                          static_cast<std::size_t>(to - words[b].first.data()));
                const std::string_view tl(words[at].first.data(),
                                          static_cast<std::size_t>(to - words[at].first.data()));
                if (!m_gaz.actors().empty() && (m_gaz.resolve(nm) || m_gaz.resolve(tl))) known = n;
            }
            e = known > 0 ? known : b + 1;
        }
        const char* from = words[b].first.data();
        const char* to = words[e - 1].first.data() + words[e - 1].first.size();
        const std::string_view name(from, static_cast<std::size_t>(to - from));
        const std::string_view titled(words[at].first.data(),
                                      static_cast<std::size_t>(to - words[at].first.data()));
        if (!m_gaz.actors().empty()) {
            if (const Actor* a = m_gaz.resolve(titled)) return actor_speaker(a->id);
            if (const Actor* a = m_gaz.resolve(name)) return actor_speaker(a->id);
            if (role.back() == "president")
                for (const Presidency& p : us_presidents)
                    if (ascii_lower(name) == p.surname)
                        if (const Actor* a = m_gaz.resolve(p.name)) return actor_speaker(a->id);
        }
        return resolve_name_text(name);
    }
    return {};
}

// `THE PRESIDENT`: the president named in the title ("Remarks by President Biden and ..."),
// else the US president in office on the article's date.
Speaker Extractor::president() const {
    Speaker titled = role_in_title({"president"});
    if (!titled.empty()) return titled;
    if (m_ctx.date.size() >= 4) {
        const Presidency* found = nullptr;
        for (const Presidency& p : us_presidents)
            if (m_ctx.date >= p.from.substr(0, m_ctx.date.size() < 10 ? 4 : 10)) found = &p;
        if (found != nullptr) {
            if (!m_gaz.actors().empty())
                if (const Actor* a = m_gaz.resolve(found->name)) return actor_speaker(a->id);
            return Speaker{std::string(found->surname), true};
        }
    }
    return Speaker{"president", true};
}

// A name run: capitalised words at the end of a speaker phrase, titles dropped.
Speaker Extractor::resolve_name(const Paragraph& para, const Sentence& s, Range run) {
    // Gazetteer first: a person (or anything) mentioned in the run.
    for (std::size_t i = run.end; i-- > run.begin;)
        if (s[i].mention != npos) {
            const ActorMention& m = para.mentions[s[i].mention];
            if (actor_type(m.id) == "person") return actor_speaker(m.id);
        }
    // Titles and the organisations or nationalities in front of a name: "NATO Secretary General
    // Mark Rutte", "Finnish President Alexander Stubb".
    std::size_t b = run.begin;
    while (b < run.end && (in(title_words(), s[b].key) ||
                           (s[b].mention != npos && b + 1 < run.end &&
                            actor_type(para.mentions[s[b].mention].id) != "person")))
        ++b;
    if (b == run.end) return {};
    const std::size_t text_b = s[run.begin].begin, text_e = s[run.end - 1].end;
    const std::size_t name_b = s[b].begin;
    if (!m_gaz.actors().empty()) {
        if (const Actor* a = m_gaz.resolve(para.text.substr(text_b, text_e - text_b)))
            return actor_speaker(a->id);
        if (const Actor* a = m_gaz.resolve(para.text.substr(name_b, text_e - name_b)))
            return actor_speaker(a->id);
    }
    std::vector<std::string> tokens;
    for (std::size_t i = b; i < run.end; ++i) tokens.push_back(s[i].key);
    if (tokens.size() <= 2) {
        Speaker prior = back_reference(tokens);
        if (!prior.empty()) return prior;
    }
    std::string out;
    for (const std::string& t : tokens) {
        if (!out.empty()) out += ' ';
        out += t;
    }
    return Speaker{out, true};
}

Speaker Extractor::resolve_label(std::string_view label,
                                 const std::vector<ActorMention>& mentions) {
    // A briefing repeats its few labels hundreds of times.
    const std::string key(label);
    if (auto it = m_label_cache.find(key); it != m_label_cache.end()) return it->second;
    Speaker sp = resolve_label_uncached(label, mentions);
    m_label_cache.emplace(key, sp);
    return sp;
}

Speaker Extractor::resolve_label_uncached(std::string_view label,
                                          const std::vector<ActorMention>& mentions) {
    const std::string lower = ascii_lower(label);
    if (lower == "q") return Speaker{"reporter", true};
    if (lower == "the president") return president();
    Paragraph para;
    para.text = label;
    for (const ActorMention& m : mentions)
        if (m.end <= label.size()) para.mentions.push_back(m);
    tokenize(para);
    if (para.sentences.empty()) return {};
    // Labels are whole speaker phrases: "PRESIDENT YOON", "SENIOR ADMINISTRATION OFFICIAL".
    Sentence s;
    for (const Sentence& part : para.sentences) s.insert(s.end(), part.begin(), part.end());
    std::vector<Tok> words;
    for (const Tok& t : s)
        if (t.kind == TokKind::word) words.push_back(t);
    if (words.empty()) return {};
    Sentence w(words.begin(), words.end());
    if (w.size() >= 2 && w[0].key == "the") {
        // "THE VICE PRESIDENT", "THE FIRST LADY": a role, named by the title when it can be.
        std::vector<std::string> role;
        for (std::size_t i = 1; i < w.size(); ++i) role.push_back(w[i].key);
        Speaker titled = role_in_title(role);
        if (!titled.empty()) return titled;
        return Speaker{join(role), true};
    }
    Speaker sp = resolve_name(para, w, {0, w.size()});
    if (sp.empty()) {  // only titles: "MODERATOR", "SENIOR ADMINISTRATION OFFICIAL"
        std::string out;
        for (std::size_t i = 0; i < w.size(); ++i) out += (i > 0 ? " " : "") + w[i].key;
        sp = Speaker{out, true};
    }
    return sp;
}

void Extractor::remember(const Speaker& sp, const std::string& head_noun) {
    if (sp.empty()) return;
    m_state.last_speaker = sp;
    if (!head_noun.empty()) m_state.by_head[head_noun] = sp;
    if (sp.person) {
        m_state.last_person = sp;
        PersonRef ref;
        ref.speaker = sp;
        if (const Actor* a = m_gaz.find(sp.value)) {
            ref.tokens = split_words(a->name);
            for (const std::string& alias : a->aliases)
                for (std::string& t : split_words(alias)) ref.tokens.push_back(std::move(t));
        } else {
            ref.tokens = split_words(sp.value);
        }
        m_state.persons.push_back(std::move(ref));
    } else {
        m_state.last_org = sp;
        const std::string country = country_of(sp.value);
        if (!country.empty()) m_state.last_country = country;
    }
}

// Resolves the speaker phrase [r) of sentence s. `head_noun` receives the role noun that later
// definite references use ("the ministry", "the official").
Speaker Extractor::resolve_phrase(const Paragraph& para, const Sentence& s, Range r,
                                  const std::vector<Range>& appositives, std::string* head_noun) {
    if (r.empty()) return {};
    const Tok& first = s[r.begin];
    // Pronouns.
    if (r.end - r.begin == 1 && in(pronouns(), first.key)) {
        if (first.key == "he" || first.key == "she" || first.key == "him")
            return m_state.last_person;
        if (first.key == "it") return m_state.last_org;
        if (first.key == "they" || first.key == "them")
            return !m_state.last_org.empty() ? m_state.last_org : m_state.last_speaker;
        return m_state.last_speaker;
    }
    // Determiners and possessive pronouns.
    std::size_t b = r.begin;
    bool definite = false;
    std::string possessor_country;
    while (b < r.end && in(determiners(), s[b].key) && s[b].mention == npos) {
        if (s[b].key == "the") definite = true;
        if (s[b].key == "its" || s[b].key == "their") possessor_country = m_state.last_country;
        ++b;
    }
    if (b == r.end) return {};
    // Cut post-modifiers, but never inside a gazetteer mention ("Ministry of National Defense").
    std::size_t e = b + 1;
    while (e < r.end) {
        const Tok& t = s[e];
        const bool inside_mention = t.mention != npos && t.mention == s[e - 1].mention;
        if (!inside_mention && in(phrase_cutters(), t.key) && !t.capital) {
            // "ministry of national defence", "department of state": keep the "of" part.
            if (t.key == "of" && in(ministry_nouns(), s[e - 1].key)) {
                ++e;
                continue;
            }
            // Inside a capitalised name: "Minister of Foreign Affairs Radosław Sikorski".
            if ((t.key == "of" || t.key == "for") && s[e - 1].capital && e + 1 < r.end &&
                s[e + 1].capital) {
                ++e;
                continue;
            }
            break;
        }
        ++e;
    }
    const Range cut{b, e};
    const Range rest{e, r.end};
    const Tok& last = s[e - 1];
    if (head_noun != nullptr) *head_noun = last.capital ? std::string() : last.key;

    // A gazetteer mention ending the phrase: "the Pentagon", "KCNA", "South Korea's JCS".
    if (last.mention != npos && !in(person_roles(), last.key) && !in(document_nouns(), last.key) &&
        !in(ministry_nouns(), last.key) && !in(government_nouns(), last.key) &&
        !in(military_nouns(), last.key))
        return actor_speaker(para.mentions[last.mention].id);

    // Country named in the phrase (or by its/their), for ministries and governments.
    std::string country = possessor_country;
    std::string mentioned;  // first actor mentioned in the phrase
    for (std::size_t i = cut.begin; i < cut.end; ++i) {
        if (s[i].mention == npos) continue;
        const std::string& id = para.mentions[s[i].mention].id;
        if (mentioned.empty()) mentioned = id;
        if (country.empty()) country = country_of(id);
    }

    // Documents speak for their author: "the document said", "a Pentagon report said".
    if (in(document_nouns(), last.key) && !last.capital) {
        if (!mentioned.empty()) return Speaker{mentioned, false};
        if (!m_state.doc_author.empty()) return m_state.doc_author;
        return m_author;
    }

    // Ministries: "South Korea's defence ministry", "its defence ministry", "the ministry of
    // national defence", "the foreign ministry" (of the country the article is about).
    std::size_t ministry = npos;
    for (std::size_t i = cut.begin; i < cut.end; ++i)
        if (in(ministry_nouns(), s[i].key)) ministry = i;
    // Only as the head: "foreign ministry spokesman Lin Jian" is a person.
    if (ministry != npos && ministry + 1 != cut.end && !is_key(s, ministry + 1, "of"))
        ministry = npos;
    if (ministry != npos) {
        if (s[ministry].mention != npos)
            return actor_speaker(para.mentions[s[ministry].mention].id);
        std::string domain;
        if (ministry > cut.begin && is_word(s, ministry - 1) && s[ministry - 1].mention == npos &&
            !in(determiners(), s[ministry - 1].key))
            domain = s[ministry - 1].key;
        if (is_key(s, ministry + 1, "of")) {
            std::size_t d = ministry + 2;
            if (is_key(s, d, "national")) ++d;
            if (is_word(s, d)) domain = s[d].key;
        }
        std::string stem = domain;
        if (stem.starts_with("defen"))
            stem = "defen";
        else if (stem.size() > 6)
            stem.resize(6);
        const bool named_country = !country.empty();
        if (country.empty()) country = m_state.last_country;
        if (!stem.empty()) {
            const std::string child = child_of(country, stem, "ministry");
            if (!child.empty()) return actor_speaker(child);
        }
        if (definite && !named_country) {
            auto it = m_state.by_head.find(s[ministry].key);
            if (it != m_state.by_head.end()) return it->second;
            if (!m_state.ministries.empty()) return actor_speaker(m_state.ministries.back());
        }
        if (named_country) return actor_speaker(country);  // a ministry the gazetteer lacks
        std::string out;
        for (std::size_t i = cut.begin; i < cut.end; ++i)
            out += (out.empty() ? "" : " ") + s[i].key;
        return Speaker{out, false};
    }
    // Governments and militaries: "the Japanese government", "the South Korean military".
    if (in(government_nouns(), last.key) || in(military_nouns(), last.key)) {
        const bool named_country = !country.empty();
        if (!named_country && definite) country = m_state.last_country;
        if (!country.empty()) {
            const std::string kind = in(government_nouns(), last.key) ? "government" : "military";
            const std::string child =
                child_of(country, kind == "military" ? "armed forces" : "", kind);
            if (!child.empty() && kind == "government") return actor_speaker(child);
            if (!child.empty()) return actor_speaker(child);
            return actor_speaker(country);
        }
    }
    // Spokespeople speak for their organisation: "a Pentagon spokesman", "a spokeswoman for
    // China's defence ministry"; a named one is a person ("spokesman Lin Jian", handled below).
    if (in(spokesperson_words(), last.key)) {
        if (!mentioned.empty()) return actor_speaker(mentioned);
        if (is_key(s, rest.begin, "for")) {
            Speaker org = resolve_phrase(para, s, {rest.begin + 1, rest.end}, {}, nullptr);
            if (!org.empty()) return org;
        }
    }
    // A name: "Elbridge Colby", "Defence Minister Ahn Gyu-back", "Colby".
    if (last.capital && !in(person_roles(), last.key)) {
        std::size_t run_b = e;
        while (run_b > cut.begin &&
               (s[run_b - 1].capital || s[run_b - 1].key == "de" || s[run_b - 1].key == "dela" ||
                s[run_b - 1].key == "van" || s[run_b - 1].key == "von" ||
                s[run_b - 1].key == "bin" || s[run_b - 1].key == "al"))
            --run_b;
        Speaker sp = resolve_name(para, s, {run_b, e});
        if (!sp.empty()) {
            if (head_noun != nullptr) {
                // "Vice President Harris said" lets a later "the Vice President said" find her.
                std::vector<std::string> title;
                for (std::size_t i = cut.begin; i < e && in(title_words(), s[i].key); ++i)
                    if (s[i].mention == npos) title.push_back(s[i].key);
                if (!title.empty()) {
                    m_state.by_head[join(title)] = sp;
                    if (!qualified(title) && in(person_roles(), title.back()))
                        m_state.by_head[title.back()] = sp;
                }
                head_noun->clear();
            }
            // A capitalised organisation the gazetteer does not know is not a person.
            if (run_b == cut.begin && definite) sp.person = false;
            return sp;
        }
    }
    // A role: "a US official", "the official" (the one named before), "Lee, a spokesman".
    for (const Range& ap : appositives) {
        const std::size_t ae = ap.end;
        if (ae > ap.begin && s[ae - 1].capital && s[ap.begin].capital &&
            !in(determiners(), s[ap.begin].key)) {
            Speaker sp = resolve_phrase(para, s, ap, {}, nullptr);
            if (!sp.empty() && sp.person) return sp;
        }
    }
    if (!in(person_roles(), last.key) && !mentioned.empty() && last.mention != npos)
        return actor_speaker(mentioned);
    std::vector<std::string> phrase;
    bool all_titles = true;
    for (std::size_t i = cut.begin; i < cut.end; ++i) {
        phrase.push_back(s[i].key);
        all_titles = all_titles && in(title_words(), s[i].key);
    }
    if (definite) {
        // "the official", "the Vice President": the one named so before, else the one the
        // article's title names ("Remarks by Vice President Harris ...").
        auto it = m_state.by_head.find(join(phrase));
        if (it == m_state.by_head.end() && !qualified(phrase)) it = m_state.by_head.find(last.key);
        if (it != m_state.by_head.end()) return it->second;
        if (all_titles) {
            Speaker titled = role_in_title(phrase);
            if (!titled.empty()) return titled;
            if (join(phrase) == "president" && last.capital) return president();
        }
    }
    if (in(spokesperson_words(), last.key) && !m_state.last_org.empty() && definite)
        return m_state.last_org;
    if (head_noun != nullptr && phrase.size() > 1) *head_noun = join(phrase);
    return Speaker{join(phrase), in(person_roles(), last.key)};
}

Speaker Extractor::resolve(const Paragraph& para, const Sentence& s, const Attribution& a) {
    std::string head_noun;
    Speaker sp = resolve_phrase(para, s, a.head, a.appositives, &head_noun);
    // "the Pentagon said in the 25-page National Defense Strategy document": the author of the
    // document that later "the document said" refers to.
    if (!sp.empty() && !sp.person) {
        for (std::size_t i = a.end; i < s.size() && s[i].kind != TokKind::quote; ++i)
            if (in(document_nouns(), s[i].key) && !s[i].capital && i > a.end &&
                (is_key(s, a.end, "in") || is_key(s, a.end, "on"))) {
                m_state.doc_author = sp;
                break;
            }
    }
    remember(sp, head_noun);
    return sp;
}

// Subjects named at the start of a sentence, for "it" and "its": "The Pentagon on Thursday
// released a review" makes the Pentagon the organisation (and the review's author).
void Extractor::track_subject(const Paragraph& para, const Sentence& s) {
    std::size_t i = 0;
    // Skip leading adverbials: "In recent years, US officials ..."
    for (;;) {
        std::size_t comma = i;
        while (comma < s.size() && s[comma].kind == TokKind::word) ++comma;
        if (comma < s.size() && s[comma].kind == TokKind::comma && is_word(s, i) &&
            in(adverbial_starters(), s[i].key)) {
            i = comma + 1;
            continue;
        }
        break;
    }
    while (is_word(s, i) && (s[i].key == "the" || s[i].key == "its" || s[i].key == "their") &&
           s[i].mention == npos)
        ++i;
    if (!is_word(s, i)) return;
    bool doc = false;
    for (std::size_t k = 0; k < s.size(); ++k)
        if (is_word(s, k) && in(document_nouns(), s[k].key) && !s[k].capital &&
            s[k].key != "plan" && s[k].key != "text" && s[k].key != "posture" &&
            s[k].key != "white")
            doc = true;
    if (s[i].mention == npos) return;
    const std::size_t m = s[i].mention;
    std::size_t after = i;
    while (after < s.size() && is_word(s, after) && s[after].mention == m) ++after;
    const std::string& id = para.mentions[m].id;
    const std::string type = actor_type(id);
    const std::string country = country_of(id);
    if (!country.empty() && (type == "country" || s[after - 1].possessive))
        m_state.last_country = country;
    if (s[after - 1].possessive) return;  // "The Pentagon's top policy official ..."
    if (is_word(s, after) && in(person_roles(), s[after].key)) return;  // "US officials"
    if (type == "person") {
        const Speaker speaking = m_state.last_speaker;  // being named is not speaking
        remember(actor_speaker(id), {});
        m_state.last_speaker = speaking;
        return;
    }
    m_state.last_org = actor_speaker(id);
    if (doc) m_state.doc_author = m_state.last_org;
}

// Label like "MS. JEAN-PIERRE:" / "THE PRESIDENT:" / "Q" at the start of a paragraph.
std::pair<std::string_view, std::size_t> Extractor::label_at(
    std::string_view text, const std::vector<ActorMention>& mentions, bool allow_q) const {
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(static_cast<unsigned char>(text[i])))
            ++i;
        else if (starts_with_at(text, i, "\xC2\xA0"))
            i += 2;
        else
            break;
    }
    const std::size_t b = i;
    if (allow_q && i < text.size() && text[i] == 'Q') {
        std::size_t j = i + 1;
        if (j < text.size() && text[j] == ':') return {text.substr(b, 1), j + 1};
        auto blank_at = [&](std::size_t k) -> std::size_t {
            if (k < text.size() && (text[k] == ' ' || text[k] == '\t')) return 1;
            return starts_with_at(text, k, "\xC2\xA0") ? 2 : 0;
        };
        if (blank_at(j) > 0) {
            std::size_t k = j;
            while (blank_at(k) > 0) k += blank_at(k);
            if (k < text.size() && !is_lower(static_cast<unsigned char>(text[k])))
                return {text.substr(b, 1), k};
        }
    }
    std::size_t letters = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (is_upper(c)) {
            ++letters;
            ++i;
        } else if (c == ' ' || c == '.' || c == '-' || c == '\'') {
            ++i;
        } else if (starts_with_at(text, i, right_single)) {
            i += right_single.size();
        } else {
            break;
        }
    }
    if (i >= text.size() || text[i] != ':' || letters < 2 || i - b > 60) return {{}, 0};
    std::string_view label = text.substr(b, i - b);
    while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
    const std::string lower = ascii_lower(label);
    if (in(non_speaker_labels(), lower)) return {{}, 0};
    if (lower.find(' ') == std::string::npos && lower.find('.') == std::string::npos) {
        // One word: a speaker (MODERATOR, AUDIENCE, KIRBY) unless it names a place: "SEOUL:".
        for (const ActorMention& m : mentions)
            if (m.begin <= b && m.end >= b + label.size() && actor_type(m.id) != "person")
                return {{}, 0};
        if (!m_gaz.actors().empty())  // mentions in capitals may not match case-insensitively
            if (const Actor* a = m_gaz.resolve(label); a != nullptr && a->type != "person")
                return {{}, 0};
    }
    std::size_t after = i + 1;
    while (after < text.size() && is_space(static_cast<unsigned char>(text[after]))) ++after;
    return {label, after};
}

// "5:12 P.M. EDT": the stenographer's time stamp that closes (or opens) a transcript.
bool is_time_stamp(std::string_view t) {
    std::size_t i = 0;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i;
    if (i == 0 || i > 2 || i >= t.size() || t[i] != ':') return false;
    ++i;
    const std::size_t m = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i;
    if (i - m != 2) return false;
    while (i < t.size() && is_space(static_cast<unsigned char>(t[i]))) ++i;
    return t.size() - i <= 16 &&
           (t.substr(i).starts_with("A.M.") || t.substr(i).starts_with("P.M.") ||
            t.substr(i).starts_with("a.m.") || t.substr(i).starts_with("p.m.") ||
            t.substr(i).starts_with("AM") || t.substr(i).starts_with("PM"));
}

// The scare-quote rule. A span is a direct quotation when
//   - an attribution is adjacent to it ("…," X said / X said: "…" / "…" X told reporters /
//     according to X, "…") and it stands as speech (starts its sentence or follows a colon or the
//     verb) or has at least 5 words;
//   - or it stands as a sentence of its own (starts the sentence, ends with . ! ? or is left open,
//     at least 3 words): a continuation by the paragraph's or the previous speaker;
//   - or, inside a sentence, it has at least 5 words, is not Title Case, and the sentence has a
//     reporting verb with a speaker ("The ministry said the drills were "a rehearsal for an
//     invasion of our country"").
// Everything else (a "more limited" role, the "core" of the alliance, "the Taiwan question") is a
// scare quote, a term or a title.
constexpr std::size_t min_embedded_words = 5;
constexpr std::size_t min_sentence_words = 3;

Extractor::ParagraphResult Extractor::analyse(std::string_view text,
                                              std::vector<ActorMention> mentions) {
    ParagraphResult res;
    std::sort(mentions.begin(), mentions.end(),
              [](const ActorMention& a, const ActorMention& b) { return a.begin < b.begin; });
    for (const ActorMention& m : mentions)
        if (actor_type(m.id) == "ministry") m_state.ministries.push_back(m.id);

    // Transcript turns.
    const auto [label, speech_at] = label_at(text, mentions, m_article_has_labels);
    if (!label.empty()) {
        m_label_speaker = resolve_label(label, mentions);
        m_in_transcript = !m_label_speaker.empty();
    }
    {
        const std::string_view t =
            text.substr(text.find_first_not_of(" \t\r\n") == std::string_view::npos
                            ? text.size()
                            : text.find_first_not_of(" \t\r\n"));
        if (t.starts_with("END") || t.starts_with("\\###") || t.starts_with("###") ||
            t.starts_with("(END") || is_time_stamp(t))
            m_in_transcript = false;
    }
    const bool transcript_turn = m_in_transcript && !m_label_speaker.empty();
    if (transcript_turn) {
        std::string_view t = text.substr(label.empty() ? 0 : speech_at);
        while (!t.empty() && is_space(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
        while (!t.empty() && is_space(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
        // "(Laughter.)" is the stenographer's, not the speaker's.
        const bool stage = t.starts_with('(') && t.ends_with(')') && t.find(')') == t.size() - 1;
        if (!t.empty() && !stage) {
            res.quote = true;
            res.transcript = true;
            res.speaker = m_label_speaker;
            res.explicit_speaker = true;
            m_state.last_speaker = m_label_speaker;
            if (m_label_speaker.person) m_state.last_person = m_label_speaker;
            return res;
        }
        if (t.empty() || stage) return res;
    }

    Paragraph para;
    para.text = text;
    para.mentions = std::move(mentions);
    para.markup = markup_ranges(text);
    para.spans = find_spans(text, para.markup);
    tokenize(para);
    res.spans = para.spans;
    res.span_results.resize(para.spans.size());
    if (!para.spans.empty()) {
        const Span& last = para.spans.back();
        res.open_at_end = !last.closed;
        const std::size_t first = text.find_first_not_of(" \t\r\n");
        res.opens_with_mark = first != std::string_view::npos && para.spans.front().opened &&
                              para.spans.front().mark_begin == first;
    }

    // Attributions, resolved in reading order.
    struct SentenceInfo {
        std::vector<Attribution> attributions;
        std::vector<Speaker> speakers;
    };
    std::vector<SentenceInfo> info(para.sentences.size());
    for (std::size_t si = 0; si < para.sentences.size(); ++si) {
        const Sentence& s = para.sentences[si];
        info[si].attributions = find_attributions(s);
        for (const Attribution& a : info[si].attributions)
            info[si].speakers.push_back(resolve(para, s, a));
        if (info[si].attributions.empty())
            track_subject(para, s);
        else {
            // A sentence opening with an organisation that is not the speaker ("The Pentagon
            // released a report, officials said") is rare; the attribution wins.
            bool doc = false;
            for (const Tok& t : s)
                if (t.kind == TokKind::word && in(document_nouns(), t.key) && !t.capital &&
                    t.key != "plan" && t.key != "text" && t.key != "posture" && t.key != "white")
                    doc = true;
            const Speaker& first = info[si].speakers.front();
            if (doc && !first.empty() && !first.person && m_state.doc_author.empty())
                m_state.doc_author = first;
        }
    }

    // Classify spans.
    Speaker paragraph_speaker;
    for (std::size_t k = 0; k < para.spans.size(); ++k) {
        const auto [si, ti] = para.span_pos[k];
        if (si == npos) continue;
        const Sentence& s = para.sentences[si];
        const Span& span = para.spans[k];
        const std::string_view inner =
            text.substr(span.inner_begin, span.inner_end - span.inner_begin);
        const std::size_t words = count_words(inner);
        if (words == 0) continue;
        // A closing mark with no opening one continues a quotation left open in the previous
        // paragraph; anywhere else it is a stray mark.
        if (!span.opened && !m_prev_open_at_end) continue;
        const bool starts_sentence = ti == 0 || s[ti - 1].kind == TokKind::colon ||
                                     s[ti - 1].kind == TokKind::dash ||
                                     s[ti - 1].kind == TokKind::paren_open;
        const bool ends_sentence = ti + 1 == s.size();
        const Attribution* adjacent = nullptr;
        std::size_t adjacent_index = npos;
        for (std::size_t ai = 0; ai < info[si].attributions.size(); ++ai) {
            const Attribution& a = info[si].attributions[ai];
            if (a.after_quote == ti || a.before_quote == ti) {
                // Prefer the attribution before an opening quotation ("He added: "…"") and the
                // one right after a closing one.
                if (adjacent == nullptr || a.after_quote == ti) {
                    adjacent = &a;
                    adjacent_index = ai;
                }
            }
        }
        const bool pre = adjacent != nullptr && adjacent->before_quote == ti;
        const bool post_sentence_start = adjacent != nullptr && adjacent->after_quote == ti &&
                                         (starts_sentence || ends_like_speech(inner) ||
                                          (ti + 1 < s.size() && s[ti + 1].kind == TokKind::comma));
        SpanResult& r = res.span_results[k];
        if (adjacent != nullptr && (pre || post_sentence_start || words >= min_embedded_words) &&
            !(words < min_embedded_words && !starts_sentence && !pre && !ends_like_speech(inner))) {
            r.quote = true;
            r.speaker = info[si].speakers[adjacent_index];
            r.explicit_speaker = !r.speaker.empty();
        } else if (starts_sentence && words >= min_sentence_words &&
                   (ends_like_speech(inner) || !span.closed || ends_sentence) &&
                   !(span.closed && !ends_like_speech(inner) && !ends_sentence)) {
            r.quote = true;  // speaker: the paragraph's, or the previous one (below)
        } else if (!starts_sentence && words >= min_embedded_words && !is_title_case(inner)) {
            for (std::size_t ai = 0; ai < info[si].attributions.size(); ++ai) {
                if (info[si].speakers[ai].empty() && !info[si].attributions[ai].according) continue;
                r.quote = true;
                r.speaker = info[si].speakers[ai];
                r.explicit_speaker = !r.speaker.empty();
                break;
            }
        }
        if (r.quote && paragraph_speaker.empty() && !r.speaker.empty())
            paragraph_speaker = r.speaker;
    }

    // Unattributed quotations take the paragraph's speaker, else continue the previous one.
    bool any = false;
    bool any_explicit = false;
    for (SpanResult& r : res.span_results) {
        if (!r.quote) continue;
        any = true;
        any_explicit = any_explicit || r.explicit_speaker;
    }
    if (any) {
        res.quote = true;
        res.bare = !any_explicit;
        const Speaker fallback =
            !paragraph_speaker.empty() ? paragraph_speaker : m_state.last_speaker;
        for (SpanResult& r : res.span_results)
            if (r.quote && r.speaker.empty()) r.speaker = fallback;
        res.speaker = fallback;
        res.explicit_speaker = any_explicit;
        if (!res.speaker.empty()) m_state.last_speaker = res.speaker;
    }
    return res;
}

}  // namespace

std::vector<QuoteAttribution> attribute_quotes(const std::vector<QuoteInput>& passages,
                                               const Gazetteer& gazetteer,
                                               const QuoteContext& context) {
    std::vector<QuoteAttribution> out(passages.size());
    Extractor extractor(gazetteer, context);

    // Passages of one paragraph are analysed together: a quotation may open in one window of a
    // split paragraph and be attributed in the next.
    struct Group {
        std::size_t first = 0;
        std::size_t last = 0;  // inclusive
        std::string text;
        std::vector<std::size_t> offsets;  // where each passage starts in `text`
        std::vector<ActorMention> mentions;
    };
    std::vector<Group> groups;
    for (std::size_t i = 0; i < passages.size(); ++i) {
        const QuoteInput& in = passages[i];
        const bool join = !groups.empty() && !in.heading && !passages[i - 1].heading &&
                          passages[i - 1].paragraph == in.paragraph;
        if (!join) {
            groups.emplace_back();
            groups.back().first = i;
        }
        Group& g = groups.back();
        g.last = i;
        if (!g.text.empty()) g.text += ' ';
        g.offsets.push_back(g.text.size());
        for (const ActorMention& m : in.mentions) {
            ActorMention shifted = m;
            shifted.begin += g.text.size();
            shifted.end += g.text.size();
            g.mentions.push_back(std::move(shifted));
        }
        g.text += in.text;
    }

    // Transcripts: a bare "Q" is a label only in an article that has other speaker labels.
    bool has_labels = false;
    for (const Group& g : groups)
        if (!passages[g.first].heading &&
            !extractor.label_at(g.text, g.mentions, false).first.empty())
            has_labels = true;
    extractor.set_has_labels(has_labels);

    const bool speech = context.genre == "speech";
    std::vector<Extractor::ParagraphResult> results(groups.size());
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups[gi];
        if (passages[g.first].heading) {
            extractor.heading();
            continue;
        }
        results[gi] = extractor.paragraph(g.text, g.mentions);
    }

    // Newswire continuation: a paragraph that leaves its quotation open and is followed by one
    // opening with a mark is one quotation; an attribution anywhere in the chain names the speaker
    // of the paragraphs that have none of their own.
    for (std::size_t gi = 0; gi < groups.size();) {
        std::size_t end = gi + 1;
        while (end < groups.size() && results[end - 1].quote && results[end - 1].open_at_end &&
               results[end].opens_with_mark && !passages[groups[end].first].heading)
            ++end;
        if (end - gi > 1) {
            Speaker chain;
            for (std::size_t k = gi; k < end && chain.empty(); ++k)
                if (results[k].explicit_speaker) chain = results[k].speaker;
            for (std::size_t k = gi; k < end; ++k) {
                results[k].quote = true;
                if (!results[k].explicit_speaker && !chain.empty()) {
                    results[k].speaker = chain;
                    for (auto& r : results[k].span_results)
                        if (r.quote && !r.explicit_speaker) r.speaker = chain;
                }
            }
        }
        gi = end;
    }

    const Speaker author = speech ? extractor.resolve_name_text(context.author) : Speaker{};
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups[gi];
        const Extractor::ParagraphResult& r = results[gi];
        for (std::size_t i = g.first; i <= g.last; ++i) {
            QuoteAttribution& a = out[i];
            if (passages[i].heading) continue;
            const std::size_t b = g.offsets[i - g.first];
            const std::size_t e = b + passages[i].text.size();
            if (r.transcript) {
                a.is_quote = true;
                a.speaker = r.speaker.value;
                continue;
            }
            // A passage of a split paragraph is a quote when a quotation lies in it.
            for (std::size_t k = 0; k < r.spans.size(); ++k) {
                if (!r.span_results[k].quote) continue;
                const Span& s = r.spans[k];
                if (s.inner_end <= b || s.inner_begin >= e) continue;
                a.is_quote = true;
                a.speaker = r.span_results[k].speaker.value;
                break;
            }
            if (!a.is_quote && r.quote && g.first == g.last) {
                a.is_quote = true;
                a.speaker = r.speaker.value;
            }
            if (!a.is_quote && speech) a.speaker = author.value;
        }
    }
    return out;
}

}  // namespace dossier
