// The actor gazetteer: loading corpus/actors.tsv and tagging text with actor ids.
//
// Matching works on tokens, never on regular expressions: the text is cut into words,
// possessive markers ('s) and punctuation, each word is normalised (lower case, accents
// stripped, curly apostrophes made straight) and looked up once in a hash map of the words
// that occur in aliases; a trie over those word ids then yields every alias starting at a
// position, and the longest one that passes the case and context rules below wins.
//
// Conventions a caller can rely on:
// - Offsets are bytes into the text given to match(); a mention covers the alias only. A
//   possessive is outside the range: in "Seoul's budget" the mention is "Seoul".
// - Hyphens are tokens: "Guinea-Bissau" is one alias (longest match), "US-ROK" is two mentions.
// - Aliases never match across a blank line (a paragraph break).
//
// Case rules (see accept_case):
// - An alias word written entirely in capitals (US, U.S., NATO, PLA, G7) is an acronym and
//   matches only text without lower-case letters: "US" is an actor, "us" is not.
// - Any other alias word matches case-insensitively ("SOUTH KOREA" in a heading), except that a
//   mention may not start with a lower-case word when the alias starts with a capital: "turkey"
//   the bird, "china" plates, "chad" the paper residue are not countries.
// - A word in capitals in mixed-case text ("Title XI", "CHAD") is taken for an acronym, not for a
//   name; it matches a name only when a neighbouring word is in capitals too (a heading or a
//   transcript label such as "PRESIDENT XI:").
//
// Context rules for ambiguous names (see accept_context); each has a test in test_actors.cpp:
// - Blocking phrases: a longest match on "South China Sea", "New Mexico", "Korean Peninsula",
//   "Washington Post"... consumes the words and yields no actor (kBlockers).
// - Names that are also given names or surnames (Washington, Jordan, Chad, Georgia, Jersey...):
//   not an actor after a capitalised word that is not a function word ("Michael Jordan",
//   "Martha Washington", "Lake Chad"), nor before a capitalised word that does not continue a
//   country phrase ("Chad Wolf", "Washington Post", "Jordan River"), nor alone as a question
//   after a colon ("MS. JEAN-PIERRE: Jordan?" is a reporter being called on).
// - Bare surnames of people follow the same rule with titles allowed before them ("President
//   Biden", "Mr. Kirby") and first names not ("Jill Biden", "Hunter Biden", "Liz Cheney").
// - Georgia (and Georgian) is the US state next to a US city ("Atlanta, Georgia"), after "state
//   of", or when US-state words (other states, Atlanta, governor, county, voters...) are near and
//   no Caucasus words (Tbilisi, Russia, Abkhazia...) are.
// - Washington is the US state in a list of US states ("Oregon and Washington"), after a
//   Washington city ("Spokane, Washington") or near Seattle, Tacoma...; "Washington state",
//   "state of Washington" are blocking phrases; "George Washington" is the person (longest match).
// - A country or capital followed by ", <US state>" is a US town ("Moscow, Idaho").
// - A name right after a ship prefix (USS, HMS...) is a ship ("USS Ronald Reagan").
// - "<country> military" is not the military when "military" is an adjective of a following
//   noun ("North Korea's military threat", "US military presence"): the shorter country
//   mention is used instead.
// - A language name after "in"/"speaks" and before punctuation is the language ("(Speaks
//   Spanish.)").
// - Acronyms that are English words (US, WHO, PLAN) in all-capital text: "WHO" and "PLAN" are
//   ignored there; "US" is kept unless it ends the phrase or follows a verb ("LET US").
#include "dossier/actors.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "dossier/errors.hpp"
#include "dossier/text.hpp"

namespace dossier {

namespace {

// Bump when a matching rule changes: hash() changes with it, so corpora are re-tagged.
constexpr std::string_view kRulesVersion = "actor-rules-1";

constexpr std::array<std::string_view, 9> kTypes = {"country",  "former_country", "government",
                                                    "military", "ministry",       "organisation",
                                                    "alliance", "person",         "group"};

enum class Kind : std::uint8_t { Country, Person, Other };

// ------------------------------------------------------------------------------------------
// Characters
// ------------------------------------------------------------------------------------------

struct CodePoint {
    char32_t cp;
    std::size_t len;
};

// Invalid sequences decode as U+FFFD, one byte at a time: match() never fails on bad input.
CodePoint decode(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return {c, 1};
    std::size_t len = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
    } else {
        return {0xFFFD, 1};
    }
    if (i + len > s.size()) return {0xFFFD, 1};
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, len};
}

enum class CharKind { Space, Word, Apostrophe, Hyphen, Other };

CharKind classify(char32_t cp) {
    if (cp < 0x80) {
        const auto c = static_cast<char>(cp);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            return CharKind::Space;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return CharKind::Word;
        }
        if (c == '\'') return CharKind::Apostrophe;
        if (c == '-') return CharKind::Hyphen;
        return CharKind::Other;
    }
    // NBSP and the other Unicode spaces (briefings pad blank lines with them), zero-width
    // space, soft hyphen and BOM separate words.
    if (cp == 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000 || cp == 0xFEFF) {
        return CharKind::Space;
    }
    // Right single quote (the usual curly apostrophe) and modifier letters used as apostrophes
    // in transliterations (Hawaiʻi, Nukuʻalofa).
    if (cp == 0x2019 || cp == 0x2BC || cp == 0x2BB) return CharKind::Apostrophe;
    if (cp == 0x2010 || cp == 0x2011) return CharKind::Hyphen;
    if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return CharKind::Other;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
        (cp >= 0xFE00 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20) || cp >= 0x1F000) {
        return CharKind::Other;
    }
    return CharKind::Word;
}

// Base letters of U+00C0..U+00FF and U+0100..U+017F; '?' marks the two-letter ligatures.
constexpr std::string_view kLatin1Base =
    "aaaaaa?ceeeeiiiidnooooo*ouuuuy??aaaaaa?ceeeeiiiidnooooo*ouuuuy?y";
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrr"
    "ssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// +1 upper case, -1 lower case, 0 uncased (digits, CJK...).
int letter_case(char32_t cp) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return 1;
        if (cp >= 'a' && cp <= 'z') return -1;
        return 0;
    }
    if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) return cp <= 0xDE ? 1 : -1;
    if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F) return -1;
        if (cp == 0x178) return 1;
        const bool odd = (cp & 1) != 0;
        if (cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) return odd ? -1 : 1;
        return odd ? 1 : -1;  // U+0139..U+0148 and U+0179..U+017E
    }
    if (cp >= 0x391 && cp <= 0x3A9) return 1;  // Greek
    if (cp >= 0x3B1 && cp <= 0x3C9) return -1;
    if (cp >= 0x400 && cp <= 0x42F) return 1;  // Cyrillic
    if (cp >= 0x430 && cp <= 0x45F) return -1;
    return 0;
}

// Appends the comparison form of one character: ASCII lower case, Latin letters without
// accents ("Côte" and "Cote" match), other scripts unchanged.
void append_folded(std::string& out, char32_t cp, std::string_view raw) {
    if (cp < 0x80) {
        out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
        return;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        const char b = kLatin1Base[cp - 0xC0];
        if (b == '?') {
            if (cp == 0xC6 || cp == 0xE6)
                out += "ae";
            else if (cp == 0xDE || cp == 0xFE)
                out += "th";
            else
                out += "ss";  // U+00DF
        } else if (b != '*') {
            out += b;
        } else {
            out += raw;
        }
        return;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        const char b = kLatinExtA[cp - 0x100];
        if (b == '?') {
            out += (cp == 0x132 || cp == 0x133) ? "ij" : "oe";
        } else {
            out += b;
        }
        return;
    }
    out += raw;
}

// ------------------------------------------------------------------------------------------
// Tokens
// ------------------------------------------------------------------------------------------

enum class TokKind : std::uint8_t { Word, Possessive, Punct };

enum TokFlag : std::uint8_t {
    kCap = 1,       // first cased letter is upper case
    kLowStart = 2,  // first cased letter is lower case
    kHasLower = 4,  // some letter is lower case
    kShout = 8,     // two or more letters, none lower case: "NATO", "SOUTH"
    kBreak = 16,    // a blank line precedes the token
    kAcronym = 32,  // no lower case, and two capitals or a capital and a digit: "US", "G7"
};

constexpr std::uint32_t kNoId = std::numeric_limits<std::uint32_t>::max();

struct Token {
    std::size_t begin = 0;  // bytes in the text
    std::size_t end = 0;
    std::size_t norm = 0;  // normalised form: norm_buf[norm, norm + norm_len)
    std::size_t norm_len = 0;
    std::uint32_t id = kNoId;  // word id in the gazetteer's vocabulary
    TokKind kind = TokKind::Punct;
    std::uint8_t flags = 0;
};

// Abbreviations that keep their period ("Mr." is one token, so "Mr. Jordan" has "Mr" right
// before "Jordan"); the period is dropped from the normalised form ("St. Lucia" = "St Lucia").
bool is_abbreviation(std::string_view w) {
    static const std::unordered_set<std::string_view> set = {
        "mr",  "mrs",  "ms",   "dr",  "gen",  "sen",  "rep",    "reps", "adm",  "col",
        "lt",  "gov",  "st",   "sgt", "capt", "cmdr", "cdr",    "maj",  "prof", "rev",
        "hon", "pres", "sec",  "amb", "jr",   "sr",   "messrs", "mt",   "ft",   "no",
        "nos", "vs",   "jan",  "feb", "apr",  "aug",  "sep",    "sept", "oct",  "nov",
        "dec", "inc",  "corp", "ltd", "dept", "etc",  "gens",   "brig", "lieut"};
    return set.count(w) != 0;
}

class Tokenizer {
  public:
    // Cuts `text` into tokens; normalised forms go to `norm` (both are cleared first).
    static void run(std::string_view text, std::string& norm, std::vector<Token>& out) {
        norm.clear();
        out.clear();
        norm.reserve(text.size() + 16);
        out.reserve(text.size() / 5 + 8);
        std::size_t pos = 0;
        int newlines = 0;
        const std::size_t n = text.size();
        while (pos < n) {
            if (text[pos] == ' ') {
                ++pos;
                continue;
            }
            const CodePoint c = decode(text, pos);
            const CharKind kind = classify(c.cp);
            if (kind == CharKind::Space) {
                if (c.cp == '\n') ++newlines;
                pos += c.len;
                continue;
            }
            Token tok;
            tok.begin = pos;
            tok.norm = norm.size();
            if (newlines >= 2) tok.flags |= kBreak;
            newlines = 0;
            if (kind == CharKind::Word) {
                pos = word(text, pos, norm, tok);
            } else if (kind == CharKind::Apostrophe && possessive_at(text, pos, out)) {
                tok.kind = TokKind::Possessive;
                norm += "'s";
                pos += c.len + 1;
            } else {
                tok.kind = TokKind::Punct;
                if (kind == CharKind::Apostrophe || c.cp == 0x2018) {
                    norm += '\'';
                } else if (kind == CharKind::Hyphen) {
                    norm += '-';
                } else if (c.cp == 0x201C || c.cp == 0x201D || c.cp == 0x201E || c.cp == 0xAB ||
                           c.cp == 0xBB) {
                    norm += '"';
                } else {
                    norm.append(text.substr(pos, c.len));
                }
                pos += c.len;
            }
            tok.end = pos;
            tok.norm_len = norm.size() - tok.norm;
            out.push_back(tok);
        }
    }

  private:
    // An apostrophe right after a word, followed by s/S and a non-letter: "Korea's", "Korea’s".
    static bool possessive_at(std::string_view text, std::size_t pos,
                              const std::vector<Token>& out) {
        if (out.empty() || out.back().kind != TokKind::Word || out.back().end != pos) return false;
        const std::size_t s = pos + decode(text, pos).len;
        if (s >= text.size() || (text[s] != 's' && text[s] != 'S')) return false;
        return s + 1 >= text.size() || classify(decode(text, s + 1).cp) != CharKind::Word;
    }

    static std::size_t word(std::string_view text, std::size_t pos, std::string& norm, Token& tok) {
        const std::size_t n = text.size();
        std::size_t seg_letters = 0;  // letters since the word start or the last inner period
        std::size_t letters = 0, upper = 0, lower = 0, digits = 0;
        bool inner_period = false;
        bool first_cased = true;
        while (pos < n) {
            // ASCII letters and digits first: they are nearly all of the text.
            const auto b = static_cast<unsigned char>(text[pos]);
            if (b < 0x80) {
                const bool up = b >= 'A' && b <= 'Z', low = b >= 'a' && b <= 'z';
                if (up || low || (b >= '0' && b <= '9')) {
                    norm.push_back(static_cast<char>(up ? b + ('a' - 'A') : b));
                    if (up || low) {
                        if (first_cased) tok.flags |= up ? kCap : kLowStart;
                        first_cased = false;
                        ++(up ? upper : lower);
                        ++letters;
                    } else {
                        ++digits;
                    }
                    ++seg_letters;
                    ++pos;
                    continue;
                }
            }
            const CodePoint c = decode(text, pos);
            const CharKind kind = classify(c.cp);
            if (kind == CharKind::Word) {
                append_folded(norm, c.cp, text.substr(pos, c.len));
                const int lc = letter_case(c.cp);
                if (c.cp >= '0' && c.cp <= '9') {
                    ++digits;
                } else {
                    ++letters;
                }
                if (lc != 0) {
                    if (first_cased) tok.flags |= lc > 0 ? kCap : kLowStart;
                    first_cased = false;
                    (lc > 0 ? upper : lower) += 1;
                }
                ++seg_letters;
                pos += c.len;
                continue;
            }
            if (kind == CharKind::Apostrophe) {
                // Inside a word (d'Ivoire, N'Djamena, O'Brien) unless it starts "'s" + non-word.
                const std::size_t q = pos + c.len;
                if (q < n && classify(decode(text, q).cp) == CharKind::Word) {
                    const bool s = text[q] == 's' || text[q] == 'S';
                    if (s && (q + 1 >= n || classify(decode(text, q + 1).cp) != CharKind::Word)) {
                        break;
                    }
                    norm += '\'';
                    pos = q;
                    continue;
                }
                break;
            }
            // Initials joined by periods stay one word: U.S., D.C., R.O.K., H.W.
            if (c.cp == '.' && seg_letters == 1 && pos + 1 < n) {
                const CodePoint next = decode(text, pos + 1);
                if (classify(next.cp) == CharKind::Word && letter_case(next.cp) != 0) {
                    norm += '.';
                    inner_period = true;
                    seg_letters = 0;
                    pos += 1;
                    continue;
                }
            }
            break;
        }
        if (inner_period) {
            // "U.S" before a hyphen ("U.S-Japan") normalises like "U.S.".
            norm += '.';
            if (pos < n && text[pos] == '.') ++pos;
        } else if (pos < n && text[pos] == '.') {
            const std::string_view w(norm.data() + tok.norm, norm.size() - tok.norm);
            if ((letters == 1 && digits == 0) || is_abbreviation(w)) {
                ++pos;  // kept in the token's bytes, not in its normalised form
            }
        }
        if (lower > 0) tok.flags |= kHasLower;
        if (lower == 0 && upper >= 2) tok.flags |= kShout;
        if (lower == 0 && (upper >= 2 || (upper >= 1 && digits >= 1))) tok.flags |= kAcronym;
        tok.kind = TokKind::Word;
        return pos;
    }
};

// ------------------------------------------------------------------------------------------
// Word lists for the context rules (lower case, accents stripped)
// ------------------------------------------------------------------------------------------

// clang-format off
using WordSet = std::unordered_set<std::string_view>;

// Phrases that are longest matches but name no actor.
constexpr std::string_view kBlockers[] = {
    "South China Sea", "East China Sea", "China Sea", "China Seas", "Sea of Japan", "Japan Sea",
    "Korean Peninsula", "Korea Strait", "Korean War", "Taiwan Strait", "Taiwan Straits",
    "Strait of Taiwan", "Gulf of Mexico", "Gulf of America", "New Mexico", "New Mexican",
    "New Mexicans", "New Jersey", "New England", "New Guinea", "South Georgia", "Northern Ireland",
    "Indian Ocean", "Persian Gulf", "Latin America", "Latin American", "Latin Americans",
    "South America", "South American", "South Americans", "North America", "North American",
    "North Americans", "Central America", "Central American", "Central Americans", "Americas",
    "Native American", "Native Americans", "African American", "African Americans",
    "Asian American", "Asian Americans", "Pan American", "American Indian", "American Indians",
    "Niger River", "Niger Delta", "Guinea pig", "Guinea pigs", "Guinea worm", "Thanksgiving turkey",
    "Thanksgiving turkeys", "Washington state", "State of Washington", "Washington Post",
    "Washington Times", "Washington Monument", "Washington Nationals", "Washington's Birthday",
    "Washington's Farewell Address", "Washington Consensus", "Washington Declaration",
    "George Washington University", "George Washington Bridge", "Jersey City", "Jersey Shore",
    "Mount McKinley", "Lincoln Memorial", "Jefferson Memorial", "Jefferson Davis",
    "Monroe Doctrine", "Truman Doctrine", "Carter Doctrine", "Reagan National Airport",
    "Ronald Reagan Washington National Airport", "Congress of Vienna", "Party Congress",
    "Indian National Congress", "African National Congress", "Continental Congress",
    "Congress Party", "French fries", "French toast", "Russian roulette", "Spanish flu",
    "Chinese New Year", "Swiss cheese", "Turkish delight", "Paris Agreement",
    "Paris Climate Agreement", "Paris climate accord", "Paris Accords", "Berlin Wall",
    "Mexico City Policy", "Holland Tunnel", "Jordan River", "Jordan Valley", "Lake Chad",
    "Georgia Tech", "Georgia State University", "Ho Chi Minh City", "Korea Herald", "China Daily",
    "Japan Times", "Moscow Times", "Kyiv Independent", "Taipei Times", "Jerusalem Post",
    "Tehran Times", "East Palestine",
};

const WordSet& function_words() {
    static const WordSet set = {
        "the", "a", "an", "and", "or", "but", "nor", "so", "yet", "for", "of", "in", "on", "at",
        "by", "to", "from", "with", "without", "as", "into", "onto", "upon", "about", "after",
        "before", "since", "during", "under", "over", "between", "among", "amid", "against",
        "toward", "towards", "through", "across", "beyond", "near", "if", "when", "whenever",
        "while", "whereas", "although", "though", "because", "unless", "until", "where", "why",
        "how", "what", "which", "who", "whom", "whose", "that", "this", "these", "those", "both",
        "either", "neither", "each", "every", "all", "any", "some", "many", "most", "much", "more",
        "several", "no", "not", "only", "also", "even", "just", "then", "now", "today", "yesterday",
        "tomorrow", "tonight", "here", "there", "however", "meanwhile", "still", "instead",
        "indeed", "thus", "hence", "therefore", "moreover", "furthermore", "perhaps", "maybe",
        "yes", "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "do",
        "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
        "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "our", "my",
        "your", "his", "its", "their", "unlike", "like", "per", "via", "than", "whether", "once",
        "last", "next", "first", "said", "says", "say", "told", "tells", "asked", "thank", "thanks",
        "dear", "welcome", "let", "please", "including", "regarding", "concerning", "following",
        "q", "ok", "okay", "well", "look", "oh", "sure", "again", "and/or", "hello", "hi", "mostly",
        "especially", "particularly", "notably", "nor"};
    return set;
}

// Titles: before a surname they confirm the person ("President Biden", "Mr. Kirby").
const WordSet& titles() {
    static const WordSet set = {
        "president", "vice", "secretary", "general", "gen", "mr", "mrs", "ms", "sen", "senator",
        "rep", "representative", "congressman", "congresswoman", "speaker", "leader", "chairman",
        "chair", "minister", "premier", "chancellor", "prime", "ambassador", "admiral", "adm",
        "governor", "gov", "judge", "justice", "king", "queen", "prince", "princess", "emperor",
        "director", "deputy", "under", "former", "acting", "comrade", "marshal", "colonel", "col",
        "lieutenant", "lt", "commander", "cmdr", "captain", "capt", "sergeant", "sgt", "major",
        "maj", "candidate", "nominee", "chief", "madam", "sir", "lord", "ayatollah", "sheikh",
        "generalissimo", "crown", "presidents", "secretaries", "amb", "pres", "sec", "messrs"};
    return set;
}

// Capitalised words that may follow a name without making it part of a longer name.
const WordSet& follow_ok() {
    static const WordSet set = {
        "government", "administration", "ministry", "embassy", "military", "army", "navy", "forces",
        "armed", "air", "coast", "national", "security", "defense", "defence", "foreign",
        "intelligence", "police", "parliament", "regime", "royal", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june",
        "july", "august", "september", "october", "november", "december"};
    return set;
}

// Country names that are also given names, surnames or other places.
const WordSet& name_like() {
    static const WordSet set = {
        "washington", "jordan", "chad", "georgia", "jersey", "guernsey", "holland", "paris",
        "london", "cuba"};
    return set;
}

const WordSet& languages() {
    static const WordSet set = {
        "spanish", "french", "german", "chinese", "japanese", "russian", "korean", "arabic",
        "portuguese", "italian", "hebrew", "ukrainian", "mandarin", "farsi", "persian", "turkish",
        "greek", "polish", "dutch", "hindi", "vietnamese", "tagalog", "english", "swedish",
        "danish", "finnish", "norwegian"};
    return set;
}

const WordSet& us_states() {
    static const WordSet set = {
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
        "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
        "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
        "mississippi", "missouri", "montana", "nebraska", "nevada", "ohio", "oklahoma", "oregon",
        "pennsylvania", "tennessee", "texas", "utah", "vermont", "virginia", "wisconsin", "wyoming"};
    return set;
}

// Two-word state names, as "first second".
const WordSet& us_states2() {
    static const WordSet set = {
        "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
        "south carolina", "south dakota", "rhode island", "west virginia"};
    return set;
}

const WordSet& georgia_us_words() {
    static const WordSet set = {
        "atlanta", "savannah", "macon", "augusta", "athens", "columbus", "albany", "gwinnett",
        "fulton", "cobb", "dekalb", "kemp", "ossoff", "warnock", "raffensperger", "abrams",
        "peachtree", "county", "counties", "governor", "senator", "senators", "voters", "voting",
        "ballot", "ballots", "battleground", "democrats", "republicans", "carolina", "dakota",
        "hampshire", "york"};
    return set;
}

const WordSet& caucasus_words() {
    static const WordSet set = {
        "tbilisi", "abkhazia", "abkhaz", "ossetia", "ossetian", "caucasus", "kobakhidze",
        "zourabichvili", "saakashvili", "kavelashvili", "ivanishvili", "russia", "russian",
        "russians", "moscow", "kremlin", "moldova", "ukraine", "armenia", "azerbaijan", "nato",
        "eu", "sovereignty", "territorial", "invasion", "occupation", "occupied"};
    return set;
}

const WordSet& washington_state_words() {
    static const WordSet set = {
        "seattle", "tacoma", "spokane", "olympia", "bellevue", "yakima", "everett", "redmond",
        "puget", "inslee"};
    return set;
}

const WordSet& ship_prefixes() {
    static const WordSet set = {
        "uss", "usns", "hms", "hmas", "hmcs", "hmnzs", "roks", "ins", "js", "brp", "pns"};
    return set;
}

// Nouns that make "military" an adjective: "military threat", "military presence".
const WordSet& military_nouns() {
    static const WordSet set = {
        "threat", "threats", "buildup", "build", "power", "might", "capabilities", "capability",
        "capacity", "presence", "exercise", "exercises", "drill", "drills", "activities",
        "activity", "aggression", "provocation", "provocations", "pressure", "reach",
        "modernization", "modernisation", "spending", "budget", "budgets", "expansion", "strength",
        "operation", "operations", "coercion", "assistance", "aid", "ties", "cooperation", "co",
        "action", "actions", "intervention", "base", "bases", "posture", "advantage", "superiority",
        "force", "options", "equipment", "technology", "technologies", "support", "alliance",
        "doctrine", "strategy", "campaign", "escalation", "parade", "hardware", "installations",
        "facilities", "sites", "training", "dominance", "deployment", "deployments", "movements",
        "maneuvers", "manoeuvres", "flights", "incursions", "coup", "conflict", "solution",
        "solutions", "victory", "threatening", "balance", "might", "ambitions", "capabilities",
        "involvement", "sales", "exports"};
    return set;
}

// Acronyms that are also English words: ambiguous in all-capital text.
const WordSet& word_acronyms() {
    static const WordSet set = {
        "us", "who", "plan", "it", "is", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if",
        "in", "me", "my", "no", "of", "on", "or", "so", "to", "up", "we", "one", "all", "can",
        "may", "new", "now", "our", "out", "war", "man", "sco", "cap"};
    return set;
}

// Verbs after which a capitalised "US" is the pronoun: "LET US", "JOIN US".
const WordSet& pronoun_verbs() {
    static const WordSet set = {
        "let", "join", "help", "give", "gives", "tell", "tells", "show", "told", "gave", "bring",
        "send", "make", "makes", "keep", "ask", "asked", "lead", "bless", "unite", "allow", "call",
        "called", "among", "all", "about", "follow", "protect", "save", "hear"};
    return set;
}
// clang-format on

// ------------------------------------------------------------------------------------------
// Small helpers
// ------------------------------------------------------------------------------------------

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::uint64_t mix64(std::uint64_t x) {  // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

// The words of all aliases -> dense ids. Open addressing: the lookup of every word of every
// passage is the hot path of match(), and most words are misses.
class WordTable {
  public:
    std::uint32_t find(std::string_view w) const {
        if (m_slots.empty()) return kNoId;
        const std::uint64_t h = fnv1a(w);
        for (std::size_t k = h & m_mask;; k = (k + 1) & m_mask) {
            const Slot& s = m_slots[k];
            if (s.id == kNoId) return kNoId;
            if (s.hash == h && std::string_view(m_arena).substr(s.off, s.len) == w) return s.id;
        }
    }
    std::uint32_t insert(std::string_view w) {
        if (const std::uint32_t id = find(w); id != kNoId) return id;
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        const auto id = static_cast<std::uint32_t>(m_size++);
        place({fnv1a(w), static_cast<std::uint32_t>(m_arena.size()),
               static_cast<std::uint32_t>(w.size()), id});
        m_arena.append(w);
        return id;
    }

  private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t off = 0, len = 0;
        std::uint32_t id = kNoId;
    };
    void place(const Slot& slot) {
        std::size_t k = slot.hash & m_mask;
        while (m_slots[k].id != kNoId) k = (k + 1) & m_mask;
        m_slots[k] = slot;
    }
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.id != kNoId) place(s);
        }
    }
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
    std::string m_arena;
};

// (trie node, word id) -> child node, open addressing on 64-bit keys.
class EdgeTable {
  public:
    std::uint32_t find(std::uint64_t key) const {
        if (m_slots.empty()) return kNoId;
        for (std::size_t k = mix64(key) & m_mask;; k = (k + 1) & m_mask) {
            if (m_slots[k].value == kNoId) return kNoId;
            if (m_slots[k].key == key) return m_slots[k].value;
        }
    }
    void insert(std::uint64_t key, std::uint32_t value) {
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        place(key, value);
        ++m_size;
    }

  private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t value = kNoId;
    };
    void place(std::uint64_t key, std::uint32_t value) {
        std::size_t k = mix64(key) & m_mask;
        while (m_slots[k].value != kNoId) k = (k + 1) & m_mask;
        m_slots[k] = {key, value};
    }
    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
        m_mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.value != kNoId) place(s.key, s.value);
        }
    }
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

std::string_view trim_field(std::string_view s) {
    return text::trim(s);
}

bool valid_id(std::string_view id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// Edit distance counting a swap of two adjacent letters as one edit ("KRO" -> "KOR").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t w = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * w);
    for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t v = std::min(
                {d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                v = std::min(v, d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    return d[a.size() * w + b.size()];
}

}  // namespace

// ------------------------------------------------------------------------------------------
// The matching index
// ------------------------------------------------------------------------------------------

namespace {

// One alias (or blocking phrase) at a trie node.
struct Entry {
    std::int32_t actor = -1;     // index into m_actors; -1 for a blocking phrase
    std::uint64_t acronyms = 0;  // bit k: alias token k is an acronym (case-sensitive)
    bool first_cap = false;      // the alias starts with a capitalised word
};

}  // namespace

struct Gazetteer::Index {
    bool matcher = true;  // false: only the resolve() keys, no trie (Use::lookup)
    WordTable word_ids;
    EdgeTable edges;  // (node << 32 | word) -> node
    std::vector<std::vector<std::uint32_t>> node_entries{1};
    std::vector<Entry> entries;
    std::vector<Kind> kinds;
    std::vector<std::int32_t> parents;  // index of each actor's parent, -1 for none
    std::unordered_map<std::string, std::uint32_t> by_id;
    std::unordered_map<std::string, std::uint32_t> by_upper_id;
    std::unordered_map<std::string, std::uint32_t> by_key;  // normalised alias -> actor

    // Adds `form` for actor `actor` (-1: blocker). Returns false when it has no word.
    bool add(std::string_view form, std::int32_t actor) {
        std::string norm;
        std::vector<Token> toks;
        Tokenizer::run(form, norm, toks);
        if (std::none_of(toks.begin(), toks.end(),
                         [](const Token& t) { return t.kind == TokKind::Word; })) {
            return false;
        }
        insert(toks, norm, actor);
        // "al-Qaeda" also as "al Qaeda", "Guinea-Bissau" as "Guinea Bissau".
        std::vector<Token> joined;
        for (std::size_t k = 0; k < toks.size(); ++k) {
            const bool inner_hyphen = toks[k].kind == TokKind::Punct && norm[toks[k].norm] == '-' &&
                                      k > 0 && k + 1 < toks.size();
            if (!inner_hyphen) joined.push_back(toks[k]);
        }
        if (joined.size() != toks.size()) insert(joined, norm, actor);
        return true;
    }

    void insert(const std::vector<Token>& toks, const std::string& norm, std::int32_t actor) {
        if (!matcher) {
            if (actor >= 0)
                by_key.emplace(resolve_key(toks, norm), static_cast<std::uint32_t>(actor));
            return;
        }
        Entry e;
        e.actor = actor;
        std::uint32_t node = 0;
        for (std::size_t k = 0; k < toks.size(); ++k) {
            const std::string_view w(norm.data() + toks[k].norm, toks[k].norm_len);
            const std::uint64_t edge = (std::uint64_t{node} << 32) | word_ids.insert(w);
            std::uint32_t next = edges.find(edge);
            if (next == kNoId) {
                next = static_cast<std::uint32_t>(node_entries.size());
                node_entries.emplace_back();
                edges.insert(edge, next);
            }
            node = next;
            if ((toks[k].flags & kAcronym) != 0 && k < 64) e.acronyms |= std::uint64_t{1} << k;
        }
        e.first_cap = (toks.front().flags & kCap) != 0;
        node_entries[node].push_back(static_cast<std::uint32_t>(entries.size()));
        entries.push_back(e);
        if (actor >= 0) by_key.emplace(resolve_key(toks, norm), static_cast<std::uint32_t>(actor));
    }

    // The key resolve() looks a name up by: its normalised words without a leading "the".
    static std::string resolve_key(const std::vector<Token>& toks, const std::string& norm) {
        std::string key;
        for (std::size_t k = 0; k < toks.size(); ++k) {
            const std::string_view w(norm.data() + toks[k].norm, toks[k].norm_len);
            if (k == 0 && w == "the" && toks.size() > 1) continue;
            if (!key.empty()) key += '\x1f';
            key += w;
        }
        return key;
    }
};

namespace {

// State of one match() call: the tokens and what the rules need to look at around them.
struct Run {
    std::string_view text;
    std::string norm;
    std::vector<Token> toks;
    std::vector<std::int32_t> owner;  // actor of the accepted mention covering a token, or -1
    const std::vector<Kind>* kinds = nullptr;            // per actor
    const std::vector<std::int32_t>* parents = nullptr;  // per actor, -1 for none

    bool is_ancestor(std::int32_t a, std::int32_t of) const {
        for (std::size_t steps = 0; of >= 0 && steps <= parents->size(); ++steps) {
            if (of == a) return true;
            of = (*parents)[static_cast<std::size_t>(of)];
        }
        return false;
    }

    std::string_view word(std::size_t k) const {
        return {norm.data() + toks[k].norm, toks[k].norm_len};
    }
    bool is_word(std::size_t k) const { return k < toks.size() && toks[k].kind == TokKind::Word; }
    bool flag(std::size_t k, std::uint8_t f) const {
        return k < toks.size() && (toks[k].flags & f) != 0;
    }
    // The token before `i` within the same paragraph, or npos.
    std::size_t before(std::size_t i) const {
        if (i == 0 || flag(i, kBreak)) return std::string_view::npos;
        return i - 1;
    }
    // The token at `j` when it is in the same paragraph as `j - 1`, or npos.
    std::size_t at(std::size_t j) const {
        if (j >= toks.size() || flag(j, kBreak)) return std::string_view::npos;
        return j;
    }
    bool is_punct(std::size_t k, std::string_view p) const {
        return k < toks.size() && toks[k].kind == TokKind::Punct && word(k) == p;
    }
    bool capitalised(std::size_t k) const { return is_word(k) && flag(k, kCap); }

    // Length of a US state name starting at token k (0 if none); Georgia and Washington do not
    // count, they are the ambiguous ones.
    std::size_t state_at(std::size_t k) const {
        if (!is_word(k) || !capitalised(k)) return 0;
        if (us_states().count(word(k)) != 0) return 1;
        const std::size_t k2 = at(k + 1);
        if (k2 != std::string_view::npos && is_word(k2)) {
            std::string pair(word(k));
            pair += ' ';
            pair += word(k2);
            if (us_states2().count(pair) != 0) return 2;
        }
        return 0;
    }
    bool state_ends_at(std::size_t k) const {
        if (!is_word(k) || !capitalised(k)) return false;
        if (us_states().count(word(k)) != 0) return true;
        const std::size_t k0 = before(k);
        return k0 != std::string_view::npos && state_at(k0) == 2;
    }
    // Counts tokens within `radius` of [i, j) whose word is in `set`.
    std::size_t near(std::size_t i, std::size_t j, std::size_t radius, const WordSet& set) const {
        std::size_t from = i > radius ? i - radius : 0;
        std::size_t to = std::min(toks.size(), j + radius);
        std::size_t count = 0;
        for (std::size_t k = from; k < to; ++k) {
            if ((k < i || k >= j) && is_word(k) && set.count(word(k)) != 0) ++count;
        }
        return count;
    }
};

bool is_shouted_context(const Run& r, std::size_t i, std::size_t j) {
    const std::size_t p = r.before(i);
    const std::size_t q = r.at(j);
    return (p != std::string_view::npos && r.is_word(p) && r.flag(p, kShout)) ||
           (q != std::string_view::npos && r.is_word(q) && r.flag(q, kShout));
}

bool accept_case(const Run& r, const Entry& e, std::size_t i, std::size_t j) {
    bool shouted_name = false;
    std::size_t shouted_words = 0;
    for (std::size_t k = i; k < j; ++k) {
        const bool acronym = k - i < 64 && (e.acronyms >> (k - i) & 1) != 0;
        if (acronym && r.flag(k, kHasLower)) return false;
        if (r.flag(k, kShout)) {
            ++shouted_words;
            if (!acronym) shouted_name = true;
        }
    }
    if (e.actor < 0) return true;  // blocking phrases block whatever the case
    if (e.first_cap && r.flag(i, kLowStart)) return false;
    if (shouted_name && shouted_words < 2 && !is_shouted_context(r, i, j)) return false;
    return true;
}

// Georgia the US state rather than the country.
bool georgia_is_us_state(const Run& r, std::size_t i) {
    const std::size_t p = r.before(i);
    if (p != std::string_view::npos && r.is_punct(p, ",")) {
        const std::size_t pp = r.before(p);
        // "Atlanta, Georgia"; but "Ukraine, Georgia and Moldova" lists countries.
        if (pp != std::string_view::npos && r.capitalised(pp) && r.owner[pp] < 0 &&
            function_words().count(r.word(pp)) == 0) {
            return true;
        }
    }
    if (p != std::string_view::npos && r.word(p) == "of") {
        const std::size_t pp = r.before(p);
        if (pp != std::string_view::npos && r.word(pp) == "state") return true;
    }
    const std::size_t q = r.at(i + 1);
    if (q != std::string_view::npos && r.word(q) == "state" && !r.capitalised(q)) return true;
    // A table cell ("| Georgia | Dooly | 2 |"): US statistics tables list states, and the
    // context that would tell (a "State" column header) is usually far away.
    const bool table = r.is_punct(p, "|") && r.is_punct(q, "|");
    const std::size_t radius = table ? 60 : 15;
    if (r.near(i, i + 1, radius, caucasus_words()) > 0) return false;
    return table || r.near(i, i + 1, radius, georgia_us_words()) > 0 ||
           r.near(i, i + 1, radius, us_states()) > 0;
}

// Washington the US state rather than the capital.
bool washington_is_us_state(const Run& r, std::size_t i) {
    const std::size_t p = r.before(i);
    if (r.is_punct(p, "|") && r.is_punct(r.at(i + 1), "|")) return true;  // a state table cell
    if (p != std::string_view::npos &&
        (r.is_punct(p, ",") || r.word(p) == "and" || r.word(p) == "or")) {
        std::size_t pp = r.before(p);
        if (pp != std::string_view::npos && r.is_punct(pp, ",") && !r.is_punct(p, ",")) {
            pp = r.before(pp);  // "California, Oregon, and Washington"
        }
        if (pp != std::string_view::npos && r.state_ends_at(pp)) return true;
        if (pp != std::string_view::npos && r.is_punct(p, ",") && r.is_word(pp) &&
            washington_state_words().count(r.word(pp)) != 0) {
            return true;
        }
    }
    const std::size_t q = r.at(i + 1);
    if (q != std::string_view::npos &&
        (r.is_punct(q, ",") || r.word(q) == "and" || r.word(q) == "or")) {
        const std::size_t qq = r.at(q + 1);
        if (qq != std::string_view::npos && r.state_at(qq) > 0) return true;
    }
    return r.near(i, i + 1, 15, washington_state_words()) > 0;
}

bool accept_context(const Run& r, const Entry& e, Kind kind, std::size_t i, std::size_t j) {
    const std::size_t p = r.before(i);
    const std::size_t q = r.at(j);
    if (p != std::string_view::npos && r.is_word(p) && ship_prefixes().count(r.word(p)) != 0 &&
        !r.flag(p, kHasLower)) {
        return false;
    }
    // "military" as an adjective: fall back to the shorter mention of the country.
    if (r.word(j - 1) == "military" && q != std::string_view::npos && r.is_word(q) &&
        r.flag(q, kLowStart) && military_nouns().count(r.word(q)) != 0) {
        return false;
    }
    // An institution right after another country ("Philippine Senate", "Mexico's Congress") or
    // a US state ("Texas Senate", "Tennessee Secretary of State") is that place's own.
    if (kind == Kind::Other && p != std::string_view::npos) {
        std::size_t b = p;
        if (r.toks[b].kind == TokKind::Possessive) b = r.before(b);
        if (b != std::string_view::npos && r.is_word(b)) {
            const std::int32_t owner = r.owner[b];
            if (owner >= 0 && (*r.kinds)[static_cast<std::size_t>(owner)] == Kind::Country &&
                !r.is_ancestor(owner, e.actor)) {
                return false;
            }
            if (owner < 0 && r.capitalised(b) && (r.word(b) == "state" || r.state_ends_at(b))) {
                return false;
            }
        }
    }
    // "Donald Trump Jr." is the son: a suffix the alias does not include names someone else.
    if (kind == Kind::Person && r.is_word(q) && (r.word(q) == "jr" || r.word(q) == "sr")) {
        return false;
    }
    std::size_t words = 0;
    for (std::size_t k = i; k < j; ++k) words += r.is_word(k) ? 1 : 0;
    if (words != 1) return true;

    const std::string_view w = r.word(i);
    const bool shouted = r.flag(i, kShout);
    const bool acronym = (e.acronyms & 1) != 0;

    if (acronym && word_acronyms().count(w) != 0 && is_shouted_context(r, i, j)) {
        if (w != "us") return false;
        if (p != std::string_view::npos && r.word(p) == "the") return true;  // "THREATENS THE US"
        const bool ends = q == std::string_view::npos || !r.is_word(q);
        const bool after_verb =
            p != std::string_view::npos && pronoun_verbs().count(r.word(p)) != 0;
        return !ends && !after_verb;
    }

    const bool name = name_like().count(w) != 0;
    if ((name || kind == Kind::Person) && !shouted) {
        if (name && (p == std::string_view::npos || r.is_punct(p, ":")) && r.is_punct(q, "?")) {
            return false;  // a reporter called on by name in a briefing
        }
        if (name && r.is_punct(p, ":") && r.flag(r.before(p), kShout) &&
            (q == std::string_view::npos || r.is_punct(q, ",") || r.is_punct(q, "."))) {
            return false;  // "MS. PSAKI:  Chad, go ahead."
        }
        if (name && r.is_punct(q, "&")) return false;  // "Holland & Knight", a firm
        if (kind == Kind::Person && p != std::string_view::npos &&
            (r.is_punct(p, "|") || r.word(p) == "v" || r.word(p) == "vs")) {
            return false;  // a table cell ("| Arkansas | Lincoln |") or a case ("Mass. v. Hayes")
        }
        if (p != std::string_view::npos && r.capitalised(p) && r.owner[p] < 0 &&
            function_words().count(r.word(p)) == 0 && (name || titles().count(r.word(p)) == 0)) {
            return false;
        }
        if (q != std::string_view::npos && r.capitalised(q) && !r.flag(q, kShout) &&
            function_words().count(r.word(q)) == 0 && titles().count(r.word(q)) == 0 &&
            follow_ok().count(r.word(q)) == 0) {
            return false;
        }
    }
    if ((w == "georgia" || w == "georgian" || w == "georgians") && georgia_is_us_state(r, i)) {
        return false;
    }
    if (w == "washington" && washington_is_us_state(r, i)) return false;
    if (languages().count(w) != 0 && p != std::string_view::npos &&
        (q == std::string_view::npos || !r.is_word(q))) {
        const std::string_view pw = r.word(p);
        if (pw == "in" || pw == "speaks" || pw == "speak" || pw == "speaking" || pw == "spoke" ||
            pw == "fluent" || pw == "into" || pw == "from") {
            return false;
        }
    }
    if (kind == Kind::Country && q != std::string_view::npos && r.is_punct(q, ",") &&
        r.state_at(r.at(q + 1)) > 0) {
        return false;  // "Moscow, Idaho"
    }
    return true;
}

}  // namespace

// ------------------------------------------------------------------------------------------
// Loading
// ------------------------------------------------------------------------------------------

Gazetteer Gazetteer::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), "cannot open the actor file");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw InputError(file.string(), "cannot read the actor file");
    return parse(buf.str(), file.string());
}

ActorNames actor_names(std::string_view tsv) {
    ActorNames names;
    bool header = true;
    std::size_t pos = 0;
    while (pos < tsv.size()) {
        std::size_t eol = tsv.find('\n', pos);
        if (eol == std::string_view::npos) eol = tsv.size();
        std::string_view line = tsv.substr(pos, eol - pos);
        pos = eol + 1;
        if (text::trim(line).empty() || line.front() == '#') continue;
        if (header) {  // "id<TAB>type<TAB>name<TAB>parent<TAB>aliases"
            header = false;
            continue;
        }
        const std::size_t tab1 = line.find('\t');
        const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string_view::npos) continue;
        const std::size_t tab3 = line.find('\t', tab2 + 1);
        names.emplace(
            trim_field(line.substr(0, tab1)),
            trim_field(line.substr(tab2 + 1, tab3 == std::string_view::npos ? std::string_view::npos
                                                                            : tab3 - tab2 - 1)));
    }
    return names;
}

Gazetteer Gazetteer::parse(std::string_view tsv, std::string_view name, Use use) {
    const std::string file(name);
    if (auto bad = text::find_invalid_utf8(tsv)) {
        const auto line =
            1 + std::count(tsv.begin(), tsv.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
        throw InputError(file, "line " + std::to_string(line) + ": invalid UTF-8");
    }
    Gazetteer g;
    auto index = std::make_shared<Index>();
    index->matcher = use == Use::matching;
    std::vector<std::size_t> line_of;  // source line of each actor, for parent errors
    bool header = false;
    std::size_t line_no = 0;
    std::size_t pos = 0;
    if (tsv.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte order mark
    auto fail = [&](std::size_t line, const std::string& reason) {
        throw InputError(file, "line " + std::to_string(line) + ": " + reason);
    };
    while (pos < tsv.size()) {
        std::size_t eol = tsv.find('\n', pos);
        if (eol == std::string_view::npos) eol = tsv.size();
        std::string_view line = tsv.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (text::trim(line).empty() || line.front() == '#') continue;

        std::vector<std::string_view> fields;
        for (std::size_t b = 0;;) {
            const std::size_t tab = line.find('\t', b);
            fields.push_back(trim_field(line.substr(b, tab - b)));
            if (tab == std::string_view::npos) break;
            b = tab + 1;
        }
        if (!header) {
            const std::array<std::string_view, 5> expected = {"id", "type", "name", "parent",
                                                              "aliases"};
            if (fields.size() != 5 || !std::equal(fields.begin(), fields.end(), expected.begin())) {
                fail(line_no,
                     "expected the header line \"id<TAB>type<TAB>name<TAB>parent<TAB>"
                     "aliases\"");
            }
            header = true;
            continue;
        }
        if (fields.size() < 4 || fields.size() > 5) {
            fail(line_no,
                 "expected 5 tab-separated fields (id, type, name, parent, aliases), "
                 "found " +
                     std::to_string(fields.size()));
        }
        Actor a;
        a.id = std::string(fields[0]);
        a.type = std::string(fields[1]);
        a.name = std::string(fields[2]);
        a.parent = std::string(fields[3]);
        if (!valid_id(a.id)) {
            fail(line_no, "invalid id \"" + a.id + "\" (letters, digits, '.', '_', '-')");
        }
        if (std::find(kTypes.begin(), kTypes.end(), a.type) == kTypes.end()) {
            std::string valid;
            for (auto t : kTypes) valid += (valid.empty() ? "" : ", ") + std::string(t);
            fail(line_no, "unknown type \"" + a.type + "\" (valid types: " + valid + ")");
        }
        if (a.name.empty()) fail(line_no, "empty name for " + a.id);
        if (index->by_id.count(a.id) != 0) {
            fail(line_no, "duplicate id " + a.id + " (first on line " +
                              std::to_string(line_of[index->by_id[a.id]]) + ")");
        }
        if (fields.size() == 5) {
            for (std::size_t b = 0;;) {
                const std::size_t bar = fields[4].find('|', b);
                const std::string_view alias = text::trim(fields[4].substr(b, bar - b));
                if (!alias.empty()) a.aliases.emplace_back(alias);
                if (bar == std::string_view::npos) break;
                b = bar + 1;
            }
        }
        const auto idx = static_cast<std::int32_t>(g.m_actors.size());
        if (!index->add(a.name, idx)) fail(line_no, "name \"" + a.name + "\" has no word to match");
        for (const auto& alias : a.aliases) {
            if (!index->add(alias, idx))
                fail(line_no, "alias \"" + alias + "\" has no word to match");
        }
        index->kinds.push_back(a.type == "country" || a.type == "former_country" ? Kind::Country
                               : a.type == "person"                              ? Kind::Person
                                                                                 : Kind::Other);
        index->by_id.emplace(a.id, static_cast<std::uint32_t>(idx));
        index->by_upper_id.emplace(upper_ascii(a.id), static_cast<std::uint32_t>(idx));
        line_of.push_back(line_no);
        g.m_actors.push_back(std::move(a));
    }
    if (!header)
        throw InputError(file,
                         "no header line \"id<TAB>type<TAB>name<TAB>parent<TAB>"
                         "aliases\"");
    // Parents must exist and must not form a cycle.
    for (std::size_t k = 0; k < g.m_actors.size(); ++k) {
        const Actor& a = g.m_actors[k];
        if (a.parent.empty()) continue;
        if (index->by_id.count(a.parent) == 0) {
            fail(line_of[k], "unknown parent \"" + a.parent + "\" for " + a.id);
        }
        std::string cur = a.parent;
        for (std::size_t steps = 0; !cur.empty(); ++steps) {
            if (cur == a.id || steps > g.m_actors.size()) {
                fail(line_of[k], "parent cycle through " + a.id);
            }
            cur = g.m_actors[index->by_id[cur]].parent;
        }
    }
    index->parents.reserve(g.m_actors.size());
    for (const Actor& a : g.m_actors) {
        index->parents.push_back(
            a.parent.empty() ? -1 : static_cast<std::int32_t>(index->by_id[a.parent]));
    }
    for (auto phrase : kBlockers) index->add(phrase, -1);
    g.m_hash = text::hash_hex(std::string(tsv) + "\n" + std::string(kRulesVersion));
    g.m_index = std::move(index);
    return g;
}

// ------------------------------------------------------------------------------------------
// Matching and lookups
// ------------------------------------------------------------------------------------------

std::vector<ActorMention> Gazetteer::match(std::string_view text) const {
    std::vector<ActorMention> out;
    if (!m_index) return out;
    const Index& ix = *m_index;
    if (!ix.matcher) throw std::logic_error("Gazetteer::match on a gazetteer parsed for lookups");
    Run r;
    r.text = text;
    Tokenizer::run(text, r.norm, r.toks);
    for (Token& t : r.toks) t.id = ix.word_ids.find({r.norm.data() + t.norm, t.norm_len});
    r.owner.assign(r.toks.size(), -1);
    r.kinds = &ix.kinds;
    r.parents = &ix.parents;
    struct Candidate {
        std::size_t end;
        std::uint32_t node;
    };
    std::vector<Candidate> cands;
    const std::size_t n = r.toks.size();
    std::size_t i = 0;
    while (i < n) {
        if (r.toks[i].kind != TokKind::Word || r.toks[i].id == kNoId) {
            ++i;
            continue;
        }
        cands.clear();
        std::uint32_t node = 0;
        for (std::size_t j = i; j < n; ++j) {
            if (j > i && r.flag(j, kBreak)) break;
            if (r.toks[j].id == kNoId) break;
            node = ix.edges.find((std::uint64_t{node} << 32) | r.toks[j].id);
            if (node == kNoId) break;
            if (!ix.node_entries[node].empty()) cands.push_back({j + 1, node});
        }
        bool matched = false;
        for (auto c = cands.rbegin(); c != cands.rend() && !matched; ++c) {
            for (std::uint32_t ei : ix.node_entries[c->node]) {
                const Entry& e = ix.entries[ei];
                if (!accept_case(r, e, i, c->end)) continue;
                if (e.actor >= 0 &&
                    !accept_context(r, e, ix.kinds[static_cast<std::size_t>(e.actor)], i, c->end)) {
                    continue;
                }
                if (e.actor >= 0) {
                    out.push_back({r.toks[i].begin, r.toks[c->end - 1].end,
                                   m_actors[static_cast<std::size_t>(e.actor)].id});
                    std::fill(r.owner.begin() + static_cast<std::ptrdiff_t>(i),
                              r.owner.begin() + static_cast<std::ptrdiff_t>(c->end), e.actor);
                    // An alias listed under several actors names them all ("Korea": both
                    // states); each gets a mention of the same span.
                    const std::size_t span_start = out.size() - 1;
                    for (std::uint32_t other : ix.node_entries[c->node]) {
                        const Entry& o = ix.entries[other];
                        if (other == ei || o.actor < 0) continue;
                        const std::string& id = m_actors[static_cast<std::size_t>(o.actor)].id;
                        bool seen = std::any_of(
                            out.begin() + static_cast<std::ptrdiff_t>(span_start), out.end(),
                            [&](const ActorMention& m) { return m.id == id; });
                        if (seen || !accept_case(r, o, i, c->end) ||
                            !accept_context(r, o, ix.kinds[static_cast<std::size_t>(o.actor)], i,
                                            c->end)) {
                            continue;
                        }
                        out.push_back({r.toks[i].begin, r.toks[c->end - 1].end, id});
                    }
                }
                i = c->end;
                matched = true;
                break;
            }
        }
        if (!matched) ++i;
    }
    return out;
}

const Actor* Gazetteer::find(std::string_view id) const {
    if (!m_index) return nullptr;
    auto it = m_index->by_id.find(std::string(id));
    return it == m_index->by_id.end() ? nullptr : &m_actors[it->second];
}

const Actor* Gazetteer::resolve(std::string_view id_or_name) const {
    if (!m_index) return nullptr;
    const std::string_view q = text::trim(id_or_name);
    if (q.empty()) return nullptr;
    if (const Actor* a = find(q)) return a;
    auto up = m_index->by_upper_id.find(upper_ascii(q));
    if (up != m_index->by_upper_id.end()) return &m_actors[up->second];
    std::string norm;
    std::vector<Token> toks;
    Tokenizer::run(q, norm, toks);
    auto it = m_index->by_key.find(Index::resolve_key(toks, norm));
    return it == m_index->by_key.end() ? nullptr : &m_actors[it->second];
}

std::vector<std::string> Gazetteer::with_ancestors(std::string_view id) const {
    std::vector<std::string> out;
    const Actor* a = find(id);
    if (a == nullptr) return out;
    // Cycles are rejected by parse(); the bound only guards a hand-built Gazetteer.
    while (a != nullptr && out.size() <= m_actors.size()) {
        out.push_back(a->id);
        a = a->parent.empty() ? nullptr : find(a->parent);
    }
    return out;
}

std::vector<std::string> Gazetteer::close_matches(std::string_view query, std::size_t n) const {
    std::string q;
    {
        std::vector<Token> toks;
        std::string norm;
        Tokenizer::run(text::trim(query), norm, toks);
        for (const Token& t : toks) {
            if (!q.empty()) q += ' ';
            q.append(norm, t.norm, t.norm_len);
        }
    }
    if (q.empty() || n == 0) return {};
    // Score: edit distance to the id or any name, a prefix of a name counts as distance 1.
    auto folded = [](std::string_view form) {
        std::vector<Token> toks;
        std::string norm, out;
        Tokenizer::run(form, norm, toks);
        for (const Token& t : toks) {
            if (!out.empty()) out += ' ';
            out.append(norm, t.norm, t.norm_len);
        }
        return out;
    };
    const std::size_t limit = std::max<std::size_t>(1, q.size() / 3);
    std::vector<std::pair<std::size_t, std::size_t>> scored;  // (score, actor)
    for (std::size_t k = 0; k < m_actors.size(); ++k) {
        const Actor& a = m_actors[k];
        std::size_t best = std::numeric_limits<std::size_t>::max();
        auto consider = [&](const std::string& form) {
            if (q.size() >= 3 && form.size() > q.size() && form.compare(0, q.size(), q) == 0) {
                best = std::min<std::size_t>(best, 1);
            }
            const std::size_t lo =
                form.size() > q.size() ? form.size() - q.size() : q.size() - form.size();
            if (lo <= limit) best = std::min(best, edit_distance(q, form));
        };
        consider(text::ascii_lower(a.id));
        consider(folded(a.name));
        for (const auto& alias : a.aliases) consider(folded(alias));
        if (best <= limit) scored.emplace_back(best, k);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& [score, k] : scored) {
        if (out.size() >= n) break;
        out.push_back(m_actors[k].id);
    }
    return out;
}

}  // namespace dossier
