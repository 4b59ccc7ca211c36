#include "engine/codegen/project_writer.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace loadstar::codegen {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> writeAtomically(const fs::path& file, const std::string& text, bool executable) {
    const fs::path temporary = file.parent_path() / ("." + file.filename().string() + ".loadstar-tmp");
    const int fd =
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0755 : 0644);
    if (fd < 0) return "cannot write " + temporary.string() + ": " + std::strerror(errno);
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            ::unlink(temporary.c_str());
            return "cannot write " + temporary.string() + ": " + reason;
        }
        written += static_cast<std::size_t>(n);
    }
    // The mode of an existing temporary file is not reset by open(): set it.
    ::fchmod(fd, executable ? 0755 : 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temporary.c_str());
        return "cannot write " + temporary.string() + ": " + reason;
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(temporary.c_str());
        return "cannot replace " + file.string() + ": " + reason;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> writeProject(const GeneratedProject& project, const fs::path& folder,
                                        bool overwrite) {
    std::error_code ec;
    const fs::file_status status = fs::status(folder, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) return folder.string() + " exists and is not a folder";
        if (!overwrite && !fs::is_empty(folder, ec))
            return folder.string() + " is not empty; use --force to replace the generated files in it";
        if (ec) return "cannot read " + folder.string() + ": " + ec.message();
    }
    // Every target must be free for a file before anything is written.
    for (const SourceFile& file : project.files) {
        const fs::path target = folder / file.path;
        if (fs::is_directory(fs::symlink_status(target, ec)))
            return target.string() + " is a folder; move it away first";
    }
    for (const SourceFile& file : project.files) {
        const fs::path target = folder / file.path;
        fs::create_directories(target.parent_path(), ec);
        if (ec) return "cannot create " + target.parent_path().string() + ": " + ec.message();
        if (auto error = writeAtomically(target, file.text, file.executable)) return error;
    }
    return std::nullopt;
}

}  // namespace loadstar::codegen
