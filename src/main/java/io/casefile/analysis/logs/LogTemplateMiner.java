package io.casefile.analysis.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Online log template miner in the manner of Drain (He et al., ICWS 2017): a message is split on
 * whitespace, its variable parts are masked ({@link TokenMasker}), and a fixed-depth parse tree
 * routes it by token count and its first tokens to a short list of templates. The template whose
 * constant tokens the message matches best absorbs it when that share reaches the similarity
 * threshold and no run of adjacent words differs; differing positions become {@code <*>}, keeping
 * the punctuation both tokens share ({@code uid=<*>}, {@code [<*>]}). Otherwise the message starts
 * a new template. The same settings serve every source.
 *
 * <p>A word that differs in just one position is held apart at first (enabled/disabled,
 * HTTPS/SOCKS5 are different events), and the position becomes a variable once
 * {@link #DEFAULT_SIBLING_VALUES} distinct words have appeared there (user alice, bob, carol): the
 * sibling templates are then merged into the first one, and {@link Match#merged} names the ids
 * that were folded in, so stored references can be moved.
 *
 * <p>Template ids are assigned in order of creation and never change while a template lives.
 * {@link #restore} rebuilds a miner from stored templates so that ids survive a restart.
 * Thread-safe: every public method is synchronized (a single writer is the expected use).
 */
public final class LogTemplateMiner {
  /** Default number of leading tokens that route a message in the tree. */
  public static final int DEFAULT_PREFIX_DEPTH = 2;
  /**
   * Default share of a template's constant tokens (variables do not count) a message must match
   * to join it.
   */
  public static final double DEFAULT_SIMILARITY = 0.85;
  /** Default number of distinct words at one position that make it a variable. */
  public static final int DEFAULT_SIBLING_VALUES = 4;
  /** Default number of distinct tokens a tree node keeps before routing the rest to {@code <*>}. */
  public static final int DEFAULT_MAX_CHILDREN = 100;
  /**
   * Adjacent differing words that reject a match: variables are single tokens far more often than
   * runs of words, and two differing words in a row usually mean another sentence.
   */
  static final int MAX_RUN = 2;

  private final int prefixDepth;
  private final double similarity;
  private final int siblingValues;
  private final int maxChildren;
  private final Node root = new Node();
  private final Map<Long, Cluster> byId = new HashMap<>();
  private final Map<Long, Long> mergedInto = new HashMap<>();
  private long nextId = 1;

  /**
   * The outcome of mining one message: its template now, whether it was created or changed, and
   * the ids of templates merged into it by this message (empty almost always).
   */
  public record Match(LogTemplate template, boolean created, boolean changed, List<Long> merged) {
    public Match {
      merged = List.copyOf(merged);
    }
  }

  public LogTemplateMiner() {
    this(DEFAULT_PREFIX_DEPTH, DEFAULT_SIMILARITY, DEFAULT_SIBLING_VALUES, DEFAULT_MAX_CHILDREN);
  }

  public LogTemplateMiner(int prefixDepth, double similarity, int siblingValues, int maxChildren) {
    if (prefixDepth < 0 || prefixDepth > 8) {
      throw new IllegalArgumentException("prefix depth must be in 0..8, got " + prefixDepth);
    }
    if (!(similarity > 0 && similarity <= 1)) {
      throw new IllegalArgumentException("similarity threshold must be in (0, 1], got " + similarity);
    }
    if (siblingValues < 2) {
      throw new IllegalArgumentException("sibling values must be at least 2, got " + siblingValues);
    }
    if (maxChildren < 2) {
      throw new IllegalArgumentException("max children must be at least 2, got " + maxChildren);
    }
    this.prefixDepth = prefixDepth;
    this.similarity = similarity;
    this.siblingValues = siblingValues;
    this.maxChildren = maxChildren;
  }

  /** A miner with default settings that already knows these templates, under their ids. */
  public static LogTemplateMiner restore(Collection<LogTemplate> templates) {
    LogTemplateMiner miner = new LogTemplateMiner();
    miner.load(templates);
    return miner;
  }

  /** Adds stored templates (ids must be new to this miner); new ids continue after the largest. */
  public synchronized void load(Collection<LogTemplate> templates) {
    for (LogTemplate t : templates) {
      if (byId.containsKey(t.id())) {
        throw new IllegalArgumentException("template id " + t.id() + " is loaded twice");
      }
      String[] tokens = Tokens.split(t.template());
      if (tokens.length == 0) {
        continue;
      }
      Cluster c = new Cluster(t.id(), tokens, t.count());
      byId.put(c.id, c);
      insert(c);
      nextId = Math.max(nextId, t.id() + 1);
    }
  }

  /** Mines one message: finds or creates its template and learns from it. */
  public synchronized Match add(String message) {
    if (message == null) {
      throw new IllegalArgumentException("log message is required");
    }
    String[] tokens = Tokens.maskedTokens(message);
    if (tokens.length == 0) {
      tokens = new String[] {Tokens.EMPTY};
    }
    Node leaf = leaf(tokens);
    Candidate found = leaf == null ? null : best(leaf.clusters, tokens);
    if (found != null && found.matches) {
      Cluster match = found.cluster;
      match.count++;
      boolean changed = match.absorb(tokens);
      return new Match(match.snapshot(), false, changed, List.of());
    }
    if (found != null && found.nearMissAt >= 0) {
      Match merged = siblingOf(found.cluster, found.nearMissAt, tokens);
      if (merged != null) {
        return merged;
      }
    }
    Cluster c = new Cluster(nextId++, tokens, 1);
    byId.put(c.id, c);
    insert(c);
    if (found != null && found.nearMissAt >= 0) {
      found.cluster.siblings(found.nearMissAt).put(tokens[found.nearMissAt], c.id);
    }
    return new Match(c.snapshot(), true, false, List.of());
  }

  /**
   * Counts another word at a near-missed position; at the limit the position becomes a variable
   * and the siblings seen there fold into {@code parent}. Null while the limit is not reached.
   */
  private Match siblingOf(Cluster parent, int position, String[] tokens) {
    Map<String, Long> siblings = parent.siblings(position);
    if (siblings.size() + 2 < siblingValues) {
      return null; // parent's own word, the siblings so far, and this one are still too few
    }
    parent.count++;
    parent.absorb(tokens);
    List<Long> merged = new ArrayList<>();
    for (long id : siblings.values()) {
      Cluster s = byId.remove(id);
      if (s == null) {
        continue;
      }
      s.leaf.clusters.remove(s);
      parent.count += s.count;
      parent.absorb(s.tokens);
      mergedInto.put(id, parent.id);
      merged.add(id);
    }
    siblings.clear();
    return new Match(parent.snapshot(), false, true, merged);
  }

  /** The live template an id now belongs to (itself, unless it was merged into another). */
  public synchronized long resolve(long id) {
    Long next;
    while ((next = mergedInto.get(id)) != null) {
      id = next;
    }
    return id;
  }

  /** The template with this id, or null. */
  public synchronized LogTemplate template(long id) {
    Cluster c = byId.get(id);
    return c == null ? null : c.snapshot();
  }

  /** Every live template, by id. */
  public synchronized List<LogTemplate> templates() {
    List<LogTemplate> out = new ArrayList<>(byId.size());
    byId.values().stream().sorted(Comparator.comparingLong(c -> c.id)).forEach(c -> out.add(c.snapshot()));
    return out;
  }

  public synchronized int size() {
    return byId.size();
  }

  // --- the parse tree -------------------------------------------------------------------------

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    List<Cluster> clusters;
  }

  private static String routingKey(String token) {
    return Tokens.hasDigitOrVariable(token) ? TokenMasker.VAR : token;
  }

  private static String lengthKey(int n) {
    return "#" + n;
  }

  private Node leaf(String[] tokens) {
    Node node = root.children.get(lengthKey(tokens.length));
    if (node == null) {
      return null;
    }
    int depth = Math.min(prefixDepth, tokens.length);
    for (int i = 0; i < depth; i++) {
      Node next = node.children.get(tokens[i]);
      if (next == null) {
        next = node.children.get(TokenMasker.VAR);
      }
      if (next == null) {
        return null;
      }
      node = next;
    }
    return node;
  }

  private void insert(Cluster c) {
    String[] tokens = c.tokens;
    Node node = root.children.computeIfAbsent(lengthKey(tokens.length), k -> new Node());
    int depth = Math.min(prefixDepth, tokens.length);
    for (int i = 0; i < depth; i++) {
      String key = routingKey(tokens[i]);
      Node next = node.children.get(key);
      if (next == null) {
        boolean hasWildcard = node.children.containsKey(TokenMasker.VAR);
        if (!key.equals(TokenMasker.VAR) && node.children.size() + (hasWildcard ? 0 : 1) >= maxChildren) {
          key = TokenMasker.VAR; // the node is full: the rest share the wildcard branch
        }
        next = node.children.computeIfAbsent(key, k -> new Node());
      }
      node = next;
    }
    if (node.clusters == null) {
      node.clusters = new ArrayList<>();
    }
    node.clusters.add(c);
    c.leaf = node;
  }

  /** The best template for a message: a match, or a near miss by one word, or null. */
  private record Candidate(Cluster cluster, boolean matches, int nearMissAt) {}

  private Candidate best(List<Cluster> clusters, String[] tokens) {
    if (clusters == null) {
      return null;
    }
    Cluster best = null;
    double bestSim = -1;
    int bestParams = -1;
    Cluster nearMiss = null;
    int nearMissAt = -1;
    double nearMissSim = -1;
    for (Cluster c : clusters) {
      int constant = 0;
      int same = 0;
      int params = 0;
      int run = 0;
      int longestRun = 0;
      int mismatchAt = -1;
      for (int i = 0; i < tokens.length; i++) {
        String t = c.tokens[i];
        if (c.variableOnly[i]) {
          params++;
          run = 0;
          continue;
        }
        constant++;
        if (t.equals(tokens[i]) || (c.partial[i] && Tokens.partialMatch(t, tokens[i]))) {
          same++;
          run = 0;
        } else {
          longestRun = Math.max(longestRun, ++run);
          mismatchAt = i;
        }
      }
      if (constant == 0 && !Arrays.equals(c.tokens, tokens)) {
        continue; // a template of variables only takes messages of exactly that shape
      }
      if (longestRun >= MAX_RUN) {
        continue; // several adjacent words differ: another sentence, not a variable
      }
      double sim = constant == 0 ? 1.0 : (double) same / constant;
      if (sim > bestSim || (sim == bestSim && params > bestParams)) {
        best = c;
        bestSim = sim;
        bestParams = params;
      }
      if (constant - same == 1 && constant >= 2 && sim > nearMissSim) {
        nearMiss = c;
        nearMissAt = mismatchAt;
        nearMissSim = sim;
      }
    }
    if (best != null && bestSim >= similarity) {
      return new Candidate(best, true, -1);
    }
    return nearMiss == null ? null : new Candidate(nearMiss, false, nearMissAt);
  }

  private static final class Cluster {
    final long id;
    final String[] tokens;
    long count;
    Node leaf;
    private String text;
    private Map<Integer, Map<String, Long>> siblings;

    /** Per position: the token is only variables and punctuation; the token holds a variable. */
    final boolean[] variableOnly;
    final boolean[] partial;

    Cluster(long id, String[] tokens, long count) {
      this.id = id;
      this.tokens = tokens;
      this.count = count;
      this.variableOnly = new boolean[tokens.length];
      this.partial = new boolean[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        classify(i);
      }
    }

    private void classify(int i) {
      variableOnly[i] = Tokens.isVariableOnly(tokens[i]);
      partial[i] = tokens[i].contains(TokenMasker.VAR);
    }

    /** Sibling templates differing from this one only at {@code position}: their word there and id. */
    Map<String, Long> siblings(int position) {
      if (siblings == null) {
        siblings = new HashMap<>();
      }
      return siblings.computeIfAbsent(position, k -> new LinkedHashMap<>());
    }

    boolean absorb(String[] message) {
      boolean changed = false;
      for (int i = 0; i < tokens.length; i++) {
        String merged = Tokens.generalise(tokens[i], message[i]);
        if (!merged.equals(tokens[i])) {
          tokens[i] = merged;
          classify(i);
          changed = true;
        }
      }
      if (changed) {
        text = null;
      }
      return changed;
    }

    LogTemplate snapshot() {
      if (text == null) {
        text = String.join(" ", tokens);
      }
      return new LogTemplate(id, text, count);
    }
  }
}
