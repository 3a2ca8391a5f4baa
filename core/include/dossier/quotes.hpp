// Quotations and their speakers: which passages quote someone, and who.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/actors.hpp"

namespace dossier {

/// One passage as the quote extractor sees it, in article order.
struct QuoteInput {
    std::string_view text;
    int paragraph = 0;  // passages of one split paragraph share it
    bool heading = false;
    std::vector<ActorMention> mentions;  // offsets relative to `text`
};

/// What the article says about who speaks in it.
struct QuoteContext {
    std::string_view author;  // the article's author (a speech's speaker, "the document said")
    std::string_view genre;   // Article::genre: "speech", "press-briefings", ...
    std::string_view title;   // "Remarks by President Biden and ..." resolves `THE PRESIDENT:`
    std::string_view date;    // "YYYY-MM-DD" or "YYYY" or "": `THE PRESIDENT:` when the title
                              // does not name him (the US president in office that day)
};

struct QuoteAttribution {
    bool is_quote = false;  // the passage carries a direct quotation (not scare quotes)
    std::string speaker;    // actor id when the gazetteer knows it, else a normalised name; ""
};

/// One attribution per input passage, same order.
///
/// Speakers. An actor id when the gazetteer resolves the speaker phrase: a mention ending it
/// ("the Pentagon" -> USA.DOD), a country plus a ministry ("South Korea's defence ministry",
/// "its defence ministry" with its = the country last named as a subject) -> the country's
/// sub-actor whose names contain the ministry's domain (KOR.MND), or the country itself when the
/// gazetteer has no such ministry; a spokesperson speaks for the organisation named with them.
/// Otherwise a normalised name, lower case:
///   - a person: the capitalised name with titles and honorifics dropped ("Defence Minister Ahn
///     Gyu-back" -> "ahn gyu-back", `PRESIDENT YOON:` -> "yoon", `MS. JEAN-PIERRE:` ->
///     "jean-pierre"); a later surname alone ("Ahn said") is the same person;
///   - a role: the phrase without determiners and post-modifiers ("a US official" ->
///     "us official", "two diplomats familiar with the talks" -> "diplomats");
///   - transcript `Q` -> "reporter"; `THE PRESIDENT:` -> the president named in the title, else
///     the US president in office on `date`, else "president"; `THE VICE PRESIDENT:` and "the
///     Vice President said" -> the one the title names ("Remarks by Vice President Harris").
/// `it said` is the organisation last named as a subject, `the document/report/statement said`
/// the author of the document last introduced (`X said in the ... document`), `the ministry said`
/// the ministry named before, `he/she said` the last person. "" when nothing resolves.
///
/// Attributions: a reporting verb (said, says, told, added, warned, wrote, stated, declared,
/// noted, ...) with its speaker before (`"…," X said`, `X said: "…"`, `"…" X told reporters`,
/// `X, in a statement, said`, `X was quoted as saying`) or after it (`"…," said X`);
/// `according to X`; and a name with a colon in statements and round-ups (`Senator Jane Roe,
/// Ohio: "…"`). Markdown link targets and HTML tags are skipped: their quotes are not text.
///
/// What is a quote. A passage is a quote when it holds a direct quotation: a span in double marks
/// (straight or curly; single marks nest inside) that has an adjacent attribution, or stands as
/// a sentence of its own (at least 3 words, ending in . ! ? or left open), or, inside a
/// sentence, has at least 5 words, is not Title Case and the sentence has a reporting verb. Shorter
/// spans inside a sentence are scare quotes, terms or titles (`a "more limited" role`, `the
/// "core" of the alliance`, `"the Taiwan question"`) and do not make a quote. A quotation with
/// no attribution continues the previous speaker; a quotation left open at the end of a
/// paragraph continues into the next one that opens with a mark, and an attribution anywhere in
/// that chain names its speaker. A split paragraph's passages are quotes only where a quotation
/// lies.
///
/// Transcripts: a paragraph opening with a label in capitals (`SECRETARY AUSTIN:`, `Q`) and the
/// paragraphs after it up to the next label (or `END`, `###`, a time stamp) are quotes by that
/// speaker (a bare `Q` counts only in an article with other labels; `SEOUL:` datelines and memo
/// fields such as `SUBJECT:` are not labels);
/// stage directions such as `(Laughter.)` are not. Speeches (genre "speech") are the author's own
/// text like any article's: their passages stay kind paragraph (is_quote false) with `speaker`
/// set to the author, so that `--quotes` returns only quotations; a quotation inside a speech is
/// a quote by whoever it quotes.
std::vector<QuoteAttribution> attribute_quotes(const std::vector<QuoteInput>& passages,
                                               const Gazetteer& gazetteer,
                                               const QuoteContext& context);

}  // namespace dossier
