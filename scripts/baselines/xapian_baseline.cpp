// The reference point Dossier's ranking is measured against: plain document-level Xapian BM25,
// set up as the shared trec_eval runs were made (TermGenerator + Stem("english") over title and
// text, one document per record, QueryParser STEM_SOME with default OR and default flags). It
// shares nothing with Dossier's analysis or ranking, only the topic reader of dossier/eval.hpp.
//
// Usage: xapian_baseline DOCS.jsonl TOPICS [--k1 X] [--b Y] [--depth N] [--run-id ID] > RUN
//   DOCS.jsonl  {"id", "title", "text"} per line (scripts/convert_ir.py writes it)
//   TOPICS      qid<TAB>query, or a TREC topic file
// Writes a TREC run on stdout. Without --k1/--b: BM25Weight() defaults (k1 = 1, b = 0.5).
#include <cmath>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "dossier/eval.hpp"

namespace {

struct Options {
    std::string docs;
    std::string topics;
    double k1 = 1.0;  // Xapian::BM25Weight() defaults
    double b = 0.5;
    Xapian::doccount depth = 1000;
    std::string run_id = "xapian-bm25";
};

[[noreturn]] void usage(std::string_view why) {
    fmt::print(stderr,
               "xapian_baseline: {}\n"
               "usage: xapian_baseline DOCS.jsonl TOPICS [--k1 X] [--b Y] [--depth N] "
               "[--run-id ID] > RUN\n",
               why);
    std::exit(2);
}

Options parse_args(int argc, char** argv) {
    Options o;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(fmt::format("{} needs a value", arg));
            return argv[++i];
        };
        try {
            if (arg == "--k1") {
                o.k1 = std::stod(value());
            } else if (arg == "--b") {
                o.b = std::stod(value());
            } else if (arg == "--depth") {
                o.depth = static_cast<Xapian::doccount>(std::stoul(value()));
            } else if (arg == "--run-id") {
                o.run_id = value();
            } else if (arg.size() > 1 && arg[0] == '-') {
                usage(fmt::format("unknown option {}", arg));
            } else {
                positional.emplace_back(arg);
            }
        } catch (const std::logic_error&) {  // stod/stoul: not a number
            usage(fmt::format("{}: not a number", arg));
        }
    }
    if (positional.size() != 2) usage("need DOCS.jsonl and TOPICS");
    o.docs = positional[0];
    o.topics = positional[1];
    return o;
}

// One Xapian document per record, title then text, ids kept in the document data.
Xapian::WritableDatabase index_docs(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read the file");
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.is_object() || !record.contains("id")) {
            throw std::runtime_error(
                fmt::format("{}: line {}: not a JSON record with an id", path, number));
        }
        Xapian::Document doc;
        generator.set_document(doc);
        std::string title = record.value("title", std::string());
        std::string text = record.value("text", std::string());
        generator.index_text(title);
        // convert_ir.py repeats the title as text for a title-only document; index it once, as
        // the original collection has it.
        if (text != title) generator.index_text(text);
        doc.set_data(record["id"].is_string() ? record["id"].get<std::string>()
                                              : record["id"].dump());
        db.add_document(doc);
    }
    return db;
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse_args(argc, argv);
    try {
        Xapian::WritableDatabase db = index_docs(o.docs);
        Xapian::QueryParser qp;
        qp.set_stemmer(Xapian::Stem("english"));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_OR);
        qp.set_database(db);

        Xapian::Enquire enquire(db);
        // k2 = 0, k3 = 1 and min_normlen = 0.5 are BM25Weight's own defaults.
        enquire.set_weighting_scheme(Xapian::BM25Weight(o.k1, 0, 1, o.b, 0.5));

        for (const auto& topic : dossier::eval::read_topics(o.topics)) {
            enquire.set_query(qp.parse_query(topic.query));
            Xapian::MSet mset = enquire.get_mset(0, o.depth);
            // Xapian's own order, ties included (lower docid first): single-precision scores
            // made strictly decreasing, so trec_eval ranks exactly as Xapian did.
            float previous = std::numeric_limits<float>::infinity();
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                float score = static_cast<float>(it.get_weight());
                if (score >= previous) score = std::nextafter(previous, -previous);
                previous = score;
                std::cout << fmt::format("{} Q0 {} {} {} {}\n", topic.id,
                                         it.get_document().get_data(), it.get_rank() + 1, score,
                                         o.run_id);
            }
        }
        std::cout.flush();
        return std::cout ? 0 : 1;
    } catch (const Xapian::Error& e) {
        fmt::print(stderr, "xapian_baseline: {}\n", e.get_description());
    } catch (const std::exception& e) {
        fmt::print(stderr, "xapian_baseline: {}\n", e.what());
    }
    return 1;
}
