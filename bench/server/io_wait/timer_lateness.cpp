// How late an Asio steady_timer of the server's kind (the simulated I/O wait) fires on
// an otherwise idle event loop: N waits of 50 ms one after the other, lateness printed
// as min / p50 / p90 / max in microseconds. Built and run by io_wait.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

int main(int argc, char** argv) {
    const int waits = argc > 1 ? std::max(1, std::atoi(argv[1])) : 40;
    boost::asio::io_context io(1);
    boost::asio::steady_timer timer(io);
    std::vector<double> lateness;
    std::function<void()> arm = [&] {
        const auto due = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
        timer.expires_at(due);
        timer.async_wait([&, due](const boost::system::error_code&) {
            const auto late = std::chrono::steady_clock::now() - due;
            lateness.push_back(std::chrono::duration<double, std::micro>(late).count());
            if (static_cast<int>(lateness.size()) < waits) arm();
        });
    };
    arm();
    io.run();
    std::sort(lateness.begin(), lateness.end());
    const auto at = [&](double q) { return lateness[static_cast<std::size_t>(q * (lateness.size() - 1))]; };
    std::printf("timer lateness (us, %d waits of 50 ms): min %.0f p50 %.0f p90 %.0f max %.0f\n", waits,
                lateness.front(), at(0.5), at(0.9), lateness.back());
}
