"""The line-suspiciousness network: a windowed token encoder and a file-level line head.

Split in two so the language server can cache encoder outputs per window (keyed by the window's
content) and re-run only the cheap head after an edit. Both halves are exported to ONNX.
"""
import math

import torch
from torch import nn


class Block(nn.Module):
    """Pre-norm transformer block with explicit attention (exports cleanly at opset 17)."""

    def __init__(self, d, heads, ffn):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.ff = nn.Sequential(nn.Linear(d, ffn), nn.GELU(), nn.Linear(ffn, d))

    def forward(self, x, bias):
        # x [B, T, d]; bias [B, 1, 1, T] additive (0 or -1e4)
        b, t, d = x.shape
        h = self.heads
        q, k, v = self.qkv(self.ln1(x)).reshape(b, t, 3, h, d // h).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d // h) + bias
        y = torch.matmul(torch.softmax(att, dim=-1), v).transpose(1, 2).reshape(b, t, d)
        x = x + self.out(y)
        return x + self.ff(self.ln2(x))


class Encoder(nn.Module):
    """Window tokens -> one mean-pooled vector per line slot: [B, T] -> [B, LW, d]."""

    def __init__(self, vocab_size, d, heads, layers, window_tokens, window_lines, ident_max):
        super().__init__()
        self.window_lines = window_lines
        self.tok = nn.Embedding(vocab_size, d, padding_idx=0)
        self.pos = nn.Embedding(window_tokens, d)
        self.ident = nn.Embedding(ident_max + 1, d)
        self.blocks = nn.ModuleList([Block(d, heads, 2 * d) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)

    def forward(self, token_ids, ident_ids, line_slot):
        t = token_ids.shape[1]
        pos = torch.arange(t, device=token_ids.device).unsqueeze(0)
        x = self.tok(token_ids) + self.pos(pos) + self.ident(ident_ids)
        bias = (token_ids == 0).float().mul(-1e4).unsqueeze(1).unsqueeze(1)
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.ln(x)
        slots = torch.arange(self.window_lines, device=token_ids.device)
        onehot = (line_slot.unsqueeze(-1) == slots).float()  # [B, T, LW]
        sums = torch.matmul(onehot.transpose(1, 2), x)  # [B, LW, d]
        counts = onehot.sum(1).clamp(min=1.0).unsqueeze(-1)
        return sums / counts


class Head(nn.Module):
    """Line vectors + hand features of one file's lines -> line logits, no-bug logit, bug-kind logits."""

    def __init__(self, d, heads, layers, n_feats, n_kinds):
        super().__init__()
        self.inp = nn.Sequential(nn.Linear(d + n_feats, d), nn.GELU(), nn.Linear(d, d))
        self.blocks = nn.ModuleList([Block(d, heads, 2 * d) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.line = nn.Linear(d, 1)
        self.kind = nn.Linear(d, n_kinds)
        self.query = nn.Parameter(torch.zeros(d))
        self.nobug = nn.Sequential(nn.Linear(2 * d, d), nn.GELU(), nn.Linear(d, 1))

    def forward(self, line_vecs, feats, mask):
        # line_vecs [S, L, d], feats [S, L, F], mask [S, L] (1 = real line)
        x = self.inp(torch.cat([line_vecs, feats], dim=-1))
        bias = (1.0 - mask).mul(-1e4).unsqueeze(1).unsqueeze(1)
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.ln(x)
        logits = self.line(x).squeeze(-1)
        att = torch.softmax(torch.matmul(x, self.query) + (1.0 - mask) * -1e4, dim=-1)  # [S, L]
        pooled = torch.matmul(att.unsqueeze(1), x).squeeze(1)
        mean = (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        nobug = self.nobug(torch.cat([pooled, mean], dim=-1)).squeeze(-1)
        return logits, nobug, self.kind(x)


class HeadForExport(nn.Module):
    """One file, no batch axis: [L, d], [L, F] -> [L], [1], [L, K]."""

    def __init__(self, head):
        super().__init__()
        self.head = head

    def forward(self, line_vecs, line_feats):
        mask = torch.ones_like(line_feats[:, 0]).unsqueeze(0)
        logits, nobug, kinds = self.head(line_vecs.unsqueeze(0), line_feats.unsqueeze(0), mask)
        return logits[0], nobug, kinds[0]
