// The property that ties sample generation to validation: on every sample project,
// every generated valid request validates, every generated valid model value
// validates, and every invalid variant fails with exactly the error it predicts.

#include <memory>

#include <gtest/gtest.h>

#include "engine/model/project_file.h"
#include "engine/schema/query_string.h"
#include "engine/schema/request_sample.h"
#include "engine/schema/request_validator.h"
#include "engine/schema/sample_generator.h"
#include "support/temp_dir.h"

namespace loadstar::schema {
namespace {

// The request as the server's router hands it to the validator: path parameters
// matched against the template and percent-decoded, the raw query, the headers.
struct RoutedRequest {
    std::vector<std::pair<std::string, std::string>> pathParams;
    std::string query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool hasBody = false;

    RequestParts parts() const {
        RequestParts p;
        for (const auto& [name, value] : pathParams)
            p.pathParams.emplace_back(name, value);
        p.query = query;
        for (const auto& [name, value] : headers)
            p.headers.emplace_back(name, value);
        p.body = body;
        p.hasBody = hasBody;
        return p;
    }
};

std::vector<std::string> segments(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        out.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

RoutedRequest route(const model::Endpoint& endpoint, const RequestSample& sample) {
    RoutedRequest routed;
    const std::size_t question = sample.target.find('?');
    const std::string path = sample.target.substr(0, question);
    if (question != std::string::npos) routed.query = sample.target.substr(question + 1);
    const std::vector<std::string> templ = segments(endpoint.path);
    const std::vector<std::string> actual = segments(path);
    EXPECT_EQ(templ.size(), actual.size()) << sample.target << " does not fit " << endpoint.path;
    for (std::size_t i = 0; i < templ.size() && i < actual.size(); ++i) {
        if (templ[i].starts_with("{")) {
            // '+' is a literal plus in a path; only %XX is an escape there.
            std::string raw = actual[i];
            for (std::size_t at = raw.find('+'); at != std::string::npos; at = raw.find('+', at + 3)) {
                raw.replace(at, 1, "%2B");
            }
            routed.pathParams.emplace_back(templ[i].substr(1, templ[i].size() - 2),
                                           decodeQueryComponent(raw));
        } else {
            EXPECT_EQ(templ[i], actual[i]) << sample.target;
        }
    }
    routed.headers = sample.headers;
    if (sample.body) {
        routed.body = *sample.body;
        routed.hasBody = true;
        routed.headers.emplace_back("Content-Type", "application/json");
    }
    return routed;
}

std::string describe(const std::vector<ValidationError>& errors) {
    return errorBody(errors).dump();
}

class SampleProjects : public ::testing::TestWithParam<std::filesystem::path> {
  protected:
    void SetUp() override {
        auto loaded = model::loadProject(GetParam());
        ASSERT_TRUE(std::holds_alternative<model::Project>(loaded));
        project_ = std::make_shared<const model::Project>(std::get<model::Project>(std::move(loaded)));
    }
    std::shared_ptr<const model::Project> project_;
};

TEST_P(SampleProjects, GeneratedRequestsValidate) {
    const RequestValidator validator(project_);
    for (const model::Endpoint& endpoint : project_->endpoints) {
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            SampleGenerator gen(project_, seed);
            const RequestSample sample = sampleRequest(*project_, endpoint, gen);
            const RoutedRequest routed = route(endpoint, sample);
            const auto result = validator.validate(endpoint, routed.parts());
            if (const auto* errors = std::get_if<std::vector<ValidationError>>(&result)) {
                ADD_FAILURE() << endpoint.id << " seed " << seed << ": " << sample.method << " "
                              << sample.target << " body " << sample.body.value_or("(none)") << "\n  -> "
                              << describe(*errors);
            }
        }
    }
}

TEST_P(SampleProjects, GeneratedModelValuesValidate) {
    const RequestValidator validator(project_);
    for (const model::Model& m : project_->models) {
        SampleGenerator gen(project_, 99);
        for (int i = 0; i < 40; ++i) {
            const Json value = gen.modelValue(m.name);
            std::vector<ValidationError> errors;
            validator.validateValue(model::TypeSpec::object(m.name), value, Json::array({"body"}), errors);
            EXPECT_TRUE(errors.empty()) << m.name << ": " << value.dump() << "\n  -> " << describe(errors);
        }
    }
}

TEST_P(SampleProjects, EveryInvalidVariantFailsWithItsPredictedError) {
    const RequestValidator validator(project_);
    std::size_t variants = 0;
    for (const model::Endpoint& endpoint : project_->endpoints) {
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            for (const InvalidRequestSample& v : invalidRequestVariants(*project_, endpoint, seed)) {
                ++variants;
                const RoutedRequest routed = route(endpoint, v.request);
                const auto result = validator.validate(endpoint, routed.parts());
                const auto* errors = std::get_if<std::vector<ValidationError>>(&result);
                if (errors == nullptr) {
                    ADD_FAILURE() << endpoint.id << ": " << v.description
                                  << " was accepted: " << v.request.target << " "
                                  << v.request.body.value_or("");
                    continue;
                }
                ASSERT_EQ(errors->size(), 1u)
                    << endpoint.id << ": " << v.description << " -> " << describe(*errors);
                EXPECT_EQ(errors->front().type, v.expected.type) << endpoint.id << ": " << v.description;
                EXPECT_EQ(errors->front().loc, v.expected.loc) << endpoint.id << ": " << v.description;
            }
        }
    }
    // Every sample has constraints to break; an empty list would make this test vacuous.
    EXPECT_GT(variants, 0u);
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleProjects, ::testing::ValuesIn(loadstar::testing::sampleProjects()),
                         [](const auto& param) {
                             std::string name = param.param.stem().stem().string();
                             for (char& c : name)
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

}  // namespace
}  // namespace loadstar::schema
