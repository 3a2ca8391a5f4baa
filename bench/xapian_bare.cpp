// The floor for any Xapian tool, for scripts/bench.sh: a bare passage indexer and searcher with
// nothing but Xapian's defaults (TermGenerator with positions, english stemmer, STEM_SOME;
// QueryParser, BM25, top 10). No actors, quotes, dates, highlights or incremental bookkeeping.
// Passages are cut the way Dossier cuts them by default (paragraphs; a paragraph over 1500 bytes
// becomes sentence windows of about 700 bytes), so both index the same number of passages.
//
//   dossier-bench-xapian index --db DB PATH...     one document per passage, one commit
//   dossier-bench-xapian passages PATH...          the same passages for SQLite's .import
//                                                  (ASCII mode: file US year US text RS)
//   dossier-bench-xapian search --db DB [-n N] QUERY | --batch FILE
//                                                  (AND of plain words and wildcards, as Dossier)
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> list_files(const std::vector<std::string>& roots) {
    std::vector<fs::path> files;
    for (const auto& root : roots) {
        if (fs::is_regular_file(root)) files.emplace_back(root);
        if (!fs::is_directory(root)) continue;
        for (auto it = fs::recursive_directory_iterator(root); it != fs::end(it); ++it) {
            if (it->path().filename().string().starts_with(".")) {
                if (it->is_directory()) it.disable_recursion_pending();
            } else if (it->is_regular_file()) {
                files.push_back(it->path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Drops a leading "key: value" header block or "---" front matter; returns the year it names.
std::string_view skip_header(std::string_view text, std::string& year) {
    bool front_matter = text.starts_with("---\n");
    std::size_t pos = front_matter ? 4 : 0;
    while (pos < text.size()) {
        std::size_t eol = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, eol - pos);
        if (front_matter ? line == "---" : is_blank(line)) return text.substr(eol);
        std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || line.find(' ') < colon) {
            return front_matter ? text : text.substr(pos);  // not a header line: body starts
        }
        std::string_view value = line.substr(line.find_first_not_of(" \"'", colon + 1));
        if (line.starts_with("date") && value.size() >= 4) year = value.substr(0, 4);
        pos = eol + 1;
    }
    return {};
}

// Paragraphs, and sentence windows of about 700 bytes for paragraphs over 1500 bytes.
void cut_passages(std::string_view text, std::vector<std::string_view>& out) {
    auto emit = [&](std::string_view para) {
        if (para.size() <= 1500) return out.push_back(para);
        std::vector<std::size_t> ends;  // sentence ends; the next sentence starts 1 byte later
        for (std::size_t i = 0; i + 2 < para.size(); ++i) {
            if ((para[i] == '.' || para[i] == '?' || para[i] == '!') && para[i + 1] == ' ' &&
                (std::isupper(static_cast<unsigned char>(para[i + 2])) || para[i + 2] == '"')) {
                ends.push_back(i + 1);
            }
        }
        ends.push_back(para.size());
        // Take the next sentence while that brings the window closer to 700 bytes, as Dossier.
        std::size_t start = 0, end = 0;
        for (std::size_t e : ends) {
            std::size_t now = end - start, grown = e - start;
            if (end > start && (now >= 700 || (grown > 700 && grown - 700 >= 700 - now))) {
                out.push_back(para.substr(start, now));
                start = end + 1;
            }
            end = e;
        }
        if (end > start) out.push_back(para.substr(start, end - start));
    };
    std::size_t pos = 0, begin = std::string_view::npos, end = 0;
    while (pos <= text.size()) {
        std::size_t eol = std::min(text.find('\n', pos), text.size());
        if (is_blank(text.substr(pos, eol - pos))) {
            if (begin != std::string_view::npos) emit(text.substr(begin, end - begin));
            begin = std::string_view::npos;
        } else {
            if (begin == std::string_view::npos) begin = pos;
            end = eol;
        }
        pos = eol + 1;
    }
    if (begin != std::string_view::npos) emit(text.substr(begin, end - begin));
}

template <class Fn>
std::size_t for_each_passage(const std::vector<std::string>& roots, Fn fn) {
    std::size_t count = 0;
    for (const auto& file : list_files(roots)) {
        std::ifstream in(file, std::ios::binary);
        std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::string year;
        std::vector<std::string_view> passages;
        cut_passages(skip_header(whole, year), passages);
        for (auto p : passages) fn(file.string(), year, p), ++count;
    }
    return count;
}

int index(const std::string& db_path, const std::vector<std::string>& roots) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    std::size_t n = for_each_passage(
        roots, [&](const std::string& file, const std::string&, std::string_view text) {
            Xapian::Document doc;
            generator.set_document(doc);
            generator.index_text(std::string(text));
            doc.set_data(file + "\n" + std::string(text));
            db.add_document(doc);
        });
    db.commit();
    std::cerr << "dossier-bench-xapian: " << n << " passages\n";
    return 0;
}

int search(const std::string& db_path, const std::vector<std::string>& queries, int limit) {
    Xapian::Database db(db_path);
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    qp.set_default_op(Xapian::Query::OP_AND);  // as Dossier: plain words are all required
    std::string out;
    for (const auto& q : queries) {
        Xapian::Enquire enquire(db);
        enquire.set_query(qp.parse_query(
            q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD));
        Xapian::MSet mset = enquire.get_mset(0, limit);
        out += "== " + q + " (" + std::to_string(mset.get_matches_estimated()) + " matches)\n";
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            out += std::to_string(it.get_rank() + 1) + " " + std::to_string(it.get_weight()) + " " +
                   it.get_document().get_data() + "\n\n";
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

int usage() {
    std::cerr << "usage: dossier-bench-xapian index --db DB PATH... | passages PATH... |\n"
                 "       search --db DB [-n N] (QUERY | --batch FILE)\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    std::string command = argv[1], db, batch;
    std::vector<std::string> args;
    int limit = 10;
    for (int i = 2; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--db" && i + 1 < argc) {
            db = argv[++i];
        } else if (a == "--batch" && i + 1 < argc) {
            batch = argv[++i];
        } else if (a == "-n" && i + 1 < argc) {
            limit = std::stoi(argv[++i]);
        } else {
            args.emplace_back(a);
        }
    }
    try {
        if (command == "index" && !db.empty() && !args.empty()) return index(db, args);
        if (command == "passages" && !args.empty()) {
            std::string out;
            for_each_passage(
                args, [&](const std::string& file, const std::string& year, std::string_view text) {
                    (out += file) += '\x1f';
                    (out += year) += '\x1f';
                    out += text;
                    out += '\x1e';
                    if (out.size() > (1u << 20))
                        std::fwrite(out.data(), 1, out.size(), stdout), out.clear();
                });
            std::fwrite(out.data(), 1, out.size(), stdout);
            return 0;
        }
        if (command == "search" && !db.empty() && (args.empty() != batch.empty())) {
            std::vector<std::string> queries = args;
            if (!batch.empty()) {
                queries.clear();
                std::ifstream in(batch);
                for (std::string line; std::getline(in, line);) {
                    if (!line.empty() && line[0] != '#') queries.push_back(line);
                }
            } else {
                std::ostringstream joined;
                for (std::size_t i = 0; i < args.size(); ++i) joined << (i ? " " : "") << args[i];
                queries = {joined.str()};
            }
            return search(db, queries, limit);
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "dossier-bench-xapian: " << e.get_description() << "\n";
        return 2;
    }
    return usage();
}
