/**
 * From a segmented document to typed name runs: features, the tagger, then BILOU decoding.
 * then the document-level post-rules. The stage (src/stages/recognize-names.ts) builds the spans.
 */
import type { Sentence, Token } from '../model/document.js';
import { FeatureExtractor } from './features.js';
import { Gazetteer } from './gazetteer.js';
import type { NameModel } from './model.js';
import { applyPostRules, type NamedRun } from './post-rules.js';
import { decodeTags } from './tags.js';
import { decode, isPacked } from './tagger.js';

/** A model ready to tag: weights plus the feature extractor built from its gazetteers. */
export interface Recognizer {
  readonly model: NameModel;
  readonly gazetteer: Gazetteer;
  readonly extractor: FeatureExtractor;
}

/** Wrap a loaded model for tagging. */
export function createRecognizer(model: NameModel): Recognizer {
  const gazetteer = new Gazetteer(model.header.gazetteer);
  return { model, gazetteer, extractor: new FeatureExtractor(gazetteer) };
}

/**
 * Tag a document's tokens and return the name runs found.
 * @param recognizer the model and feature extractor
 * @param tokens the segment stage's tokens
 * @param sentences the segment stage's sentences
 */
export function recognizeRuns(recognizer: Recognizer, tokens: readonly Token[], sentences: readonly Sentence[]): readonly NamedRun[] {
  // A loaded model's decoder sums the word-pair features per pair of words: `prepare` leaves them out.
  // The prepared document's arrays are not kept past this call: they may share the extractor's scratch buffer.
  const prepared = recognizer.extractor.prepare(tokens, sentences, { pairFeatures: !isPacked(recognizer.model.weights), scratch: true });
  const runs = decodeTags(decode(recognizer.model.weights, prepared, sentences));
  // The extractor's cached words carry what the rules read of each token (lower case, gazetteer mask, capital).
  return applyPostRules(runs, tokens, recognizer.gazetteer, (sentence) => prepared.capsSentence[sentence] === 1, prepared.words);
}
