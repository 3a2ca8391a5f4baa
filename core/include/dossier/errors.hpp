// Error types thrown inside Dossier and caught once in each main.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace dossier {

/// A problem with one input file; the message names the file. The run goes on without it.
class InputError : public std::runtime_error {
  public:
    InputError(const std::string& file, const std::string& reason)
        : std::runtime_error(file + ": " + reason), m_file(file), m_reason(reason) {}
    const std::string& file() const { return m_file; }
    const std::string& reason() const { return m_reason; }

  private:
    std::string m_file;
    std::string m_reason;
};

/// A bad command line or query: the user must change what they typed (exit 2).
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A database that cannot be opened, read or written; the message names it.
class DatabaseError : public std::runtime_error {
  public:
    DatabaseError(const std::string& path, const std::string& reason)
        : std::runtime_error(path + ": " + reason) {}
};

}  // namespace dossier
