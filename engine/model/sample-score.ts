/**
 * The score of a movement option, lower is better, in exposure-seconds: what the scenario's
 * `scoring.delay_minute_exposure` says a minute of door-to-door time is worth, times the minutes, plus
 * the total weighted exposure. Every place that scores — a run's option score, its paired comparison,
 * the bounded run summary and the sweep — calls this one function, over the samples that arrived only
 * (a sample that never arrived has no door-to-door time to score).
 *
 * It is linear, so the score of the means is the mean of the scores; callers that score means (a run's
 * OptionResult.score) and callers that score each sample (the paired differences, the sweep) agree up to
 * rounding. The operation order — (rate / 60) × time, then + exposure — is fixed: the goldens hold its
 * exact doubles, and at the default rate of 60 it is exactly time + exposure.
 */
export function sampleScore(timeS: number, exposure: number, delayMinuteExposure: number): number {
  return (delayMinuteExposure / 60) * timeS + exposure;
}
