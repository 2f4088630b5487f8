#!/usr/bin/python3
"""Makes the TorchScript fixtures of tradeoffs.deep.model.TorchScriptModelTest.

Run with Debian's PyTorch (apt-get install python3-torch; made with its 1.13, torch.__version__ 1.13.0a0):

    /usr/bin/python3 make_fixtures.py            # in this folder

It writes, next to itself:
  tiny5.pt                 conv 3->16 (3x3, pad 1), ReLU, adaptive average pool to 2x2, linear 64->5,
                           traced after .eval()
  tiny5_dropout_eval.pt    the same with dropout(0.5) before the linear layer, traced after .eval()
  tiny5_dropout_train.pt   the same, traced in train mode: the trace keeps dropout active
  tiny5_batchnorm_train.pt conv, batch norm, ReLU, pool, linear, traced in train mode: batch statistics
  tiny5_conv4.pt           the same network with conv 3->4 (see "Why 16 filters" below)
  tiny5_detached.pt        tiny5's layers applied to x.detach(), plus 1e-3 * mean(x): the logits barely
                           change, but autograd sees only the small term (gradient masking), so the
                           Java side's finite-difference check of input gradients must reject it
  in1k_prototypes.pt       a 1000-class "ImageNet" classifier on the mean colour: global average pool,
                           linear 3->1000 whose logits are -|mean colour - prototype_j|^2 (up to a term
                           common to all classes) for ten prototypes, -1000 for the other 990 classes
  tiny5_logits.csv         tiny5.pt's logits for the fixed inputs below, normalised first with the
                           ImageNet mean and std (as the Java wrapper does inside the model)
  tiny5_input_gradient.csv d/dx of the summed cross-entropy at those inputs, labels = the argmax
  tiny5_conv4_input_gradient.csv   the same for tiny5_conv4.pt
  in1k_prototypes.csv      the ten prototype colours and the class index each is assigned to

Why 16 filters: the libtorch 2.5.1 CPU build that DJL 0.32 ships computes wrong input gradients
for 3x3 convolutions with 1, 2, 4, 7, 8, 12, 15 or 17 output channels (16 and 32 are right; measured against
finite differences, also for DJL's own Conv2d; see docs/deep.md), so a conv 3->4 fixture would test
that bug instead of the import. The Java side checks input gradients by finite differences at load.

Fixed inputs (no file needed): image n (0..3), channel c, row h, column w of a 3x8x8 batch holds
((7n + 13c + 3h + 5w) mod 17) / 16, exact in float32.
"""
import os
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
# ImageNet-1k class indices (torchvision order) the prototypes stand for, with their colours.
PROTOTYPES = [
    (0, (0.0, 0.0, 1.0)),    # tench
    (7, (0.0, 1.0, 0.0)),    # cock
    (33, (1.0, 0.0, 0.0)),   # loggerhead turtle
    (151, (1.0, 1.0, 0.0)),  # Chihuahua
    (281, (0.0, 0.0, 0.0)),  # tabby cat
    (300, (1.0, 0.0, 1.0)),  # tiger beetle
    (365, (0.0, 1.0, 1.0)),  # orangutan
    (401, (1.0, 1.0, 1.0)),  # accordion
    (407, (0.5, 0.5, 0.5)),  # ambulance
    (269, (1.0, 0.5, 0.0)),  # timber wolf
]


def inputs():
    x = torch.zeros(4, 3, 8, 8)
    for n in range(4):
        for c in range(3):
            for h in range(8):
                for w in range(8):
                    x[n, c, h, w] = ((7 * n + 13 * c + 3 * h + 5 * w) % 17) / 16.0
    return x


class Detached(torch.nn.Module):
    """Gradient masking on purpose: the network sees x.detach(); autograd only sees 1e-3 * mean(x)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(x.detach()) + 1e-3 * x.mean()


def tiny(dropout=False, batchnorm=False, filters=16):
    layers = [torch.nn.Conv2d(3, filters, 3, padding=1)]
    if batchnorm:
        layers.append(torch.nn.BatchNorm2d(filters))
    layers += [torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d((2, 2)), torch.nn.Flatten()]
    if dropout:
        layers.append(torch.nn.Dropout(0.5))
    layers.append(torch.nn.Linear(4 * filters, 5))
    return torch.nn.Sequential(*layers)


def save(model, name, example):
    traced = torch.jit.trace(model, example, check_trace=False)
    traced.save(os.path.join(HERE, name))
    return traced


def main():
    torch.manual_seed(20221201)
    x = inputs()
    xn = (x - MEAN) / STD

    logits = None
    for name, filters in [("tiny5", 16), ("tiny5_conv4", 4)]:
        traced = save(tiny(filters=filters).eval(), name + ".pt", xn)
        xg = x.clone().requires_grad_(True)
        out = traced((xg - MEAN) / STD)
        labels = out.argmax(1)
        torch.nn.functional.cross_entropy(out, labels, reduction="sum").backward()
        with open(os.path.join(HERE, name + "_input_gradient.csv"), "w") as f:
            f.write("index,gradient\n")
            for i, v in enumerate(xg.grad.flatten().tolist()):
                f.write("%d,%r\n" % (i, v))
        if logits is None:
            logits = out
            with open(os.path.join(HERE, "tiny5_logits.csv"), "w") as f:
                f.write("image,label," + ",".join("logit%d" % k for k in range(5)) + "\n")
                for n in range(4):
                    f.write("%d,%d,%s\n" % (n, labels[n].item(), ",".join(repr(v) for v in out[n].tolist())))
            grad_sum = xg.grad.sum().item()

    save(Detached(tiny()).eval(), "tiny5_detached.pt", xn)
    for name, train, kw in [("tiny5_dropout_eval.pt", False, {"dropout": True}),
                            ("tiny5_dropout_train.pt", True, {"dropout": True}),
                            ("tiny5_batchnorm_train.pt", True, {"batchnorm": True})]:
        m = tiny(**kw)
        m.train(train)
        save(m, name, xn)

    proto = torch.full((1000, 3), 0.5)
    bias = torch.full((1000,), -1000.0)
    for index, rgb in PROTOTYPES:
        p = torch.tensor(rgb)
        proto[index] = p
        bias[index] = -float((p * p).sum())
    linear = torch.nn.Linear(3, 1000)
    with torch.no_grad():
        linear.weight.copy_(2 * proto)
        linear.bias.copy_(bias)
    in1k = torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), linear).eval()
    save(in1k, "in1k_prototypes.pt", torch.rand(2, 3, 8, 8))
    with open(os.path.join(HERE, "in1k_prototypes.csv"), "w") as f:
        f.write("imagenet_index,r,g,b,argmax\n")
        for index, rgb in PROTOTYPES:
            img = torch.tensor(rgb).view(1, 3, 1, 1).expand(1, 3, 8, 8)
            f.write("%d,%r,%r,%r,%d\n" % (index, rgb[0], rgb[1], rgb[2], in1k(img).argmax(1).item()))
    print("torch", torch.__version__)
    print("tiny5 logits:\n", logits.detach())
    print("tiny5 input-gradient sum", grad_sum)


if __name__ == "__main__":
    main()
