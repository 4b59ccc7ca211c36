#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <streambuf>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/model/project_file.h"

// Writing a file so that a failure never leaves it half written: a temporary file
// beside it, fsync, rename, fsync of the directory (declared in project_file.h).
namespace loadstar::model {

namespace {

// An output buffer over a file descriptor: the text goes to the file in 64 KiB
// blocks instead of being built whole in memory first. The first failed write
// is remembered (errno) and ends the stream.
class FileDescriptorBuffer final : public std::streambuf {
  public:
    explicit FileDescriptorBuffer(int fd) : fd_(fd) { setp(block_.data(), block_.data() + block_.size()); }
    int error() const { return error_; }

  protected:
    int_type overflow(int_type ch) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }
    int sync() override { return drain() ? 0 : -1; }

  private:
    bool drain() {
        const char* next = pbase();
        while (error_ == 0 && next < pptr()) {
            const ssize_t n = ::write(fd_, next, static_cast<std::size_t>(pptr() - next));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                error_ = errno;
            else
                next += n;
        }
        setp(block_.data(), block_.data() + block_.size());
        return error_ == 0;
    }

    int fd_;
    int error_ = 0;
    std::array<char, 64 * 1024> block_{};
};

}  // namespace

std::variant<std::monostate, ProjectError> writeFileAtomically(
    const std::filesystem::path& file, const std::function<void(std::ostream&)>& write) {
    const std::filesystem::path dir =
        file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    std::string tempName = (dir / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tempName.data());
    if (fd < 0)
        return ProjectError{file.string(),
                            std::string("cannot create a temporary file beside it: ") + std::strerror(errno)};
    const auto failWith = [&](const std::string& what, int error) {
        ::close(fd);
        ::unlink(tempName.c_str());
        return ProjectError{file.string(), what + ": " + std::strerror(error)};
    };
    // Keep the permissions of the file we replace; new files get the usual 0666 & ~umask.
    struct stat existing {};
    mode_t mode = 0;
    if (::stat(file.c_str(), &existing) == 0) {
        mode = existing.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    if (::fchmod(fd, mode) != 0) return failWith("cannot set permissions", errno);
    FileDescriptorBuffer buffer(fd);
    std::ostream out(&buffer);
    try {
        write(out);
        out.flush();
    } catch (...) {
        // The writer failed half way (a value it cannot write): no half file is left.
        ::close(fd);
        ::unlink(tempName.c_str());
        throw;
    }
    if (buffer.error() != 0) return failWith("write failed", buffer.error());
    if (!out) return failWith("write failed", EIO);
    if (::fsync(fd) != 0) return failWith("fsync failed", errno);
    if (::close(fd) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(tempName.c_str());
        return ProjectError{file.string(), "close failed: " + reason};
    }
    if (::rename(tempName.c_str(), file.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(tempName.c_str());
        return ProjectError{file.string(), "cannot replace the file: " + reason};
    }
    // Make the rename itself durable.
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return std::monostate{};
}

std::variant<std::monostate, ProjectError> writeFileAtomically(const std::filesystem::path& file,
                                                               std::string_view contents) {
    return writeFileAtomically(file, [contents](std::ostream& out) {
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    });
}

}  // namespace loadstar::model
