/** Shown next to a monitor whose state keeps changing; its alerts are summarised meanwhile. */
export function FlappingMarker({ flapping }: { flapping: boolean }) {
  if (!flapping) return null;
  return (
    <span
      className="tag tag--flapping"
      data-flapping="true"
      title="Flapping: its state keeps changing; alerts are summarised until it settles"
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        <path d="M1 6h2l1.5-4 3 8L9 6h2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      </svg>
      Flapping
    </span>
  );
}
