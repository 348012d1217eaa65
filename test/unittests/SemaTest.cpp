//===- SemaTest.cpp - Resolved specifications -----------------------------===//

#include "compiler/Sema/Sema.h"
#include "lang/Parser.h"

#include "gtest/gtest.h"

using namespace plexus;

namespace {

const char *kFounding = R"(
data points = random(samples: 100, features: 10, classes: 10, seed: 42)
model Classifier(x: f32[N, 10]) -> f32[N, 10] {
  h = dense(x, 500, relu)
  return dense(h, 10, softmax)
}
train Classifier on points {
  loss = categorical_crossentropy
  optimizer = adam(lr: 0.001)
  epochs = 10
  batch = 32
  metrics = [accuracy]
}
)";

/// Sema does not know the op registry: it is handed the function names.
const std::vector<std::string> kFunctions = {"relu", "softmax", "tanh"};

TEST(Sema, ResolvesTheFoundingExample) {
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(os);
  auto program = parseSource(kFounding, "founding.plx", diags);
  ASSERT_TRUE(program) << out;
  auto checked = checkProgram(*program, diags, kFunctions);
  ASSERT_TRUE(checked) << out;
  ASSERT_EQ(checked->data.size(), 1u);
  EXPECT_EQ(checked->data[0]->numSamples, 100);
  EXPECT_EQ(checked->data[0]->numFeatures, 10);
  EXPECT_EQ(checked->data[0]->numClasses, 10);
  EXPECT_EQ(checked->data[0]->seed, 42);
  ASSERT_EQ(checked->models.size(), 1u);
  EXPECT_EQ(checked->models[0].input.str(), "f32[N, 10]");
  ASSERT_EQ(checked->trains.size(), 1u);
  const TrainSpec &train = checked->trains[0];
  EXPECT_EQ(train.loss, "categorical_crossentropy");
  EXPECT_EQ(train.optimizer.kind, "adam");
  EXPECT_DOUBLE_EQ(train.optimizer.lr, 0.001);
  EXPECT_EQ(train.epochs, 10);
  EXPECT_EQ(train.batch, 32);
  EXPECT_EQ(train.metrics, std::vector<std::string>{"accuracy"});
  EXPECT_TRUE(train.loop.empty());
}

TEST(Sema, ExplicitLoopKeepsItsStatements) {
  std::string founding = kFounding;
  std::string source = founding.substr(0, founding.find("train")) + R"(
train Classifier on points {
  optimizer = sgd(lr: 0.1, momentum: 0.9)
  for epoch in 1..3 {
    optimizer.lr = 0.1 * 0.5 ^ epoch
    for (x, y) in batches(points, 16, shuffle: true) {
      step categorical_crossentropy(Classifier(x), y)
    }
    log epoch, evaluate(Classifier, points, [loss, accuracy])
  }
}
)";
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(os);
  auto program = parseSource(source, "loop.plx", diags);
  ASSERT_TRUE(program) << out;
  auto checked = checkProgram(*program, diags, kFunctions);
  ASSERT_TRUE(checked) << out;
  ASSERT_EQ(checked->trains.size(), 1u);
  EXPECT_EQ(checked->trains[0].loop.size(), 1u);
  EXPECT_EQ(checked->trains[0].batch, 16);
  EXPECT_TRUE(checked->trains[0].shuffle);
  EXPECT_DOUBLE_EQ(checked->trains[0].optimizer.momentum, 0.9);
}

} // namespace

TEST(Sema, CallsOnlyTheFunctionsItIsGiven) {
  const char *source = R"(
data d = random(samples: 10, features: 4, classes: 3, seed: 1)
model M(x: f32[N, 4]) -> f32[N, 3] {
  h = swish(dense(x, 8))
  return dense(h, 3, softmax)
}
train M on d { epochs = 1 }
)";
  for (bool registered : {false, true}) {
    std::string out;
    llvm::raw_string_ostream os(out);
    DiagnosticEngine diags(os);
    auto program = parseSource(source, "swish.plx", diags);
    ASSERT_TRUE(program) << out;
    std::vector<std::string> functions = kFunctions;
    if (registered)
      functions.push_back("swish");
    auto checked = checkProgram(*program, diags, functions);
    EXPECT_EQ(bool(checked), registered) << out;
    if (!registered) {
      EXPECT_NE(out.find("unknown layer 'swish'"), std::string::npos) << out;
    }
  }
}
