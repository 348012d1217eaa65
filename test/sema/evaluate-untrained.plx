// RUN: plexc --emit=check %s > %t 2>&1; test $? -eq 1
// RUN: FileCheck %s --match-full-lines --strict-whitespace < %t

// The 'loss' metric uses the loss of the model's train declaration; an
// untrained model has none. The default metrics include 'loss', so the
// help says how to leave it out.
data points = random(samples: 100, features: 4, classes: 3, split: 0.8)
model Net(x: f32[N, 4]) -> f32[N, 3] { return dense(x, 3, softmax) }
evaluate Net on points.test
evaluate Net on points.train { metrics = [loss, accuracy] }
evaluate Net on points { metrics = [accuracy] }

// CHECK:{{.*}}evaluate-untrained.plx:9:1: error: metric 'loss' needs a loss, but model 'Net' is never trained
// CHECK-NEXT:evaluate Net on points.test
// CHECK-NEXT:^~~~~~~~
// CHECK-NEXT:{{.*}}evaluate-untrained.plx:9:1: help: the default metrics are [loss, accuracy]; to evaluate without a loss, add '{ metrics = [accuracy] }'
// CHECK-NEXT:evaluate Net on points.test
// CHECK-NEXT:^~~~~~~~
// CHECK-NEXT:{{.*}}evaluate-untrained.plx:10:1: error: metric 'loss' needs a loss, but model 'Net' is never trained
// CHECK-NEXT:evaluate Net on points.train { metrics = [loss, accuracy] }
// CHECK-NEXT:^~~~~~~~
// CHECK-NEXT:2 errors generated.
