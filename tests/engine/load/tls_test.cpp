#include <chrono>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/load/runner.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/test_server.h"

namespace loadstar::load {
namespace {

using namespace std::chrono_literals;

// `openssl s_server -WWW` on loopback with a fresh self-signed certificate for
// "localhost": answers GET /FILE with HTTP/1.0 and closes, over TLS.
class TlsServer {
  public:
    TlsServer() {
        const std::string cert = (dir_ / "cert.pem").string();
        const std::string key = (dir_ / "key.pem").string();
        const auto made = loadstar::testing::runCommand(
            "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -addext "
            "subjectAltName=DNS:localhost "
            "-days 1 -keyout " +
            key + " -out " + cert + " 2>&1");
        if (made.exitCode != 0) throw std::runtime_error("openssl req failed: " + made.output);
        loadstar::testing::writeFile(dir_ / "hello", "hi over tls");
        {
            loadstar::testing::TestServer probe;  // a free port: bound, then released
            port_ = probe.port();
        }
        pid_ = ::fork();
        if (pid_ == 0) {
            if (::chdir(dir_.path().c_str()) != 0) ::_exit(127);
            const std::string accept = "127.0.0.1:" + std::to_string(port_);
            ::execlp("openssl", "openssl", "s_server", "-quiet", "-accept", accept.c_str(), "-cert",
                     cert.c_str(), "-key", key.c_str(), "-WWW", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        for (int i = 0; i < 100 && !accepting(); ++i)
            std::this_thread::sleep_for(30ms);
    }
    ~TlsServer() {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    std::uint16_t port() const { return port_; }

  private:
    bool accepting() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port_);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        return ok;
    }

    loadstar::testing::TempDir dir_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

RunOutput runAgainst(const std::string& url, bool insecure) {
    LoadOptions o;
    o.url = std::get<model::TargetUrl>(model::parseTargetUrl(url));
    o.profile = LoadProfile::constant(1, 10s);
    o.maxRequests = 5;
    o.timeout = 2s;
    o.insecureTls = insecure;
    o.tick = 50ms;
    Runner runner(o, RequestPlan::single(o.url, "GET", {}));
    EXPECT_EQ(runner.start(), std::nullopt);
    return runner.wait();
}

TEST(Tls, TalksHttpsToASelfSignedServerWhenAllowed) {
    TlsServer server;
    const RunOutput out = runAgainst("https://localhost:" + std::to_string(server.port()) + "/hello", true);
    EXPECT_EQ(out.overall.statusCounts[200], 5u);
    EXPECT_EQ(out.overall.errorCount(), 0u);
    EXPECT_GT(out.overall.bytesIn, 5u * 11u);
}

TEST(Tls, RefusesAnUntrustedCertificateByDefault) {
    TlsServer server;
    const RunOutput out = runAgainst("https://localhost:" + std::to_string(server.port()) + "/hello", false);
    EXPECT_EQ(out.overall.responses, 0u);
    EXPECT_EQ(out.overall.errors[static_cast<std::size_t>(stats::ErrorClass::Connect)], 5u);
}

}  // namespace
}  // namespace loadstar::load
