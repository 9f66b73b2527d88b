// Small inline icons (decorative: always aria-hidden; the control around them carries the name).
const base = { width: 14, height: 14, viewBox: "0 0 16 16", fill: "none", stroke: "currentColor", strokeWidth: 1.6, "aria-hidden": true } as const

export const LockIcon = () => (
  <svg {...base} className="cs-icon">
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </svg>
)

export const ChevronIcon = ({ open }: { open: boolean }) => (
  <svg {...base} className="cs-icon" style={{ transform: open ? "rotate(180deg)" : undefined, transition: "transform .15s" }}>
    <path d="M4 6l4 4 4-4" />
  </svg>
)

export const CheckIcon = () => (
  <svg {...base} className="cs-icon">
    <path d="M3.5 8.5l3 3 6-7" />
  </svg>
)

export const AlertIcon = () => (
  <svg {...base} className="cs-icon">
    <path d="M8 2.5l6 11H2z" />
    <path d="M8 6.5v3.2M8 11.6v.1" />
  </svg>
)

export const CloseIcon = () => (
  <svg {...base} className="cs-icon">
    <path d="M4 4l8 8M12 4l-8 8" />
  </svg>
)

export const MinusIcon = () => (
  <svg {...base} className="cs-icon">
    <path d="M3.5 8h9" />
  </svg>
)

/** The Cogsync mark: a teal rounded square with a cog-like ring. */
export const Logo = ({ size = 20 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="cs-logo">
    <rect width="24" height="24" rx="6" fill="#0f766e" />
    <circle cx="12" cy="12" r="5.2" fill="none" stroke="#fff" strokeWidth="2.2" strokeDasharray="3.2 1.9" />
    <circle cx="12" cy="12" r="1.9" fill="#fff" />
  </svg>
)
