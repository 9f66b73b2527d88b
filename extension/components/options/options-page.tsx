// The options page: sign-in; for admins the Clockwork activation, every team setting with its
// lock, campaigns and the settings history; for recruiters the same settings read-only.
import { useEffect } from "react"
import { useCampaignsStore } from "~stores/campaigns-store"
import { useIntegrationStore } from "~stores/integration-store"
import { useSessionStore } from "~stores/session-store"
import { useSettingsStore, type SectionId } from "~stores/settings-store"
import { Logo, LockIcon } from "../ui/icons"
import { AddingSection } from "./adding-section"
import { AdvancedSection } from "./advanced-section"
import { CampaignsSection } from "./campaigns-section"
import { ClockworkSection } from "./clockwork-section"
import { ContactSection } from "./contact-section"
import { FieldMappingSection } from "./field-mapping-section"
import { HistorySection } from "./history-section"
import { NotesSection } from "./notes-section"
import { PersonFieldsSection } from "./person-fields-section"
import { SignInSection } from "./sign-in-section"
import { StagesSection } from "./stages-section"

const NAV = [
  ["section-account", "Account"],
  ["section-clockwork", "Clockwork"],
  ["section-contact", "Contact settings"],
  ["section-adding", "Adding to Clockwork"],
  ["section-personFields", "Person fields"],
  ["section-notes", "Activity notes"],
  ["section-stages", "Contact stages"],
  ["section-fieldMapping", "Fields mapping"],
  ["section-advanced", "Advanced"],
  ["section-campaigns", "Campaigns"],
  ["section-history", "History"],
] as const

export function OptionsPage() {
  const session = useSessionStore((s) => s.session)
  const loading = useSessionStore((s) => s.loading)
  const loadSession = useSessionStore((s) => s.load)
  const settings = useSettingsStore()
  const loadIntegration = useIntegrationStore((s) => s.load)
  const loadCampaigns = useCampaignsStore((s) => s.load)
  const me = session?.signedIn ? session.me : null
  const admin = me?.user.role === "admin"
  const loadSettings = settings.load

  useEffect(() => {
    void loadSession()
  }, [loadSession])

  const userId = me?.user.id
  useEffect(() => {
    if (!userId) return
    void loadSettings({ admin })
    void loadIntegration()
    void loadCampaigns()
  }, [userId, admin, loadSettings, loadIntegration, loadCampaigns])

  const response = settings.response
  const key = (id: SectionId) => `${id}-${settings.saveCounts[id] ?? 0}`
  const nav = me ? NAV.filter(([id]) => admin || id !== "section-history") : NAV.slice(0, 1)
  return (
    <div className="cg-options">
      <header className="cg-topbar">
        <Logo size={26} />
        <div>
          <h1>Cogsync</h1>
          <p className="cg-muted">Clockwork Recruiting sync settings</p>
        </div>
      </header>
      <div className="cg-layout">
        <nav className="cg-nav" aria-label="Settings sections">
          <ul>
            {nav.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="cg-main">
          {loading && !session ? (
            <p className="cg-muted" role="status">
              Loading…
            </p>
          ) : (
            <SignInSection key={session?.serverUrl ?? "none"} />
          )}
          {me ? (
            <>
              {!admin ? (
                <div className="cg-banner" role="note">
                  <LockIcon /> Only team admins can change these settings. Settings marked <span className="cg-lock cg-lock-on">Locked</span> cannot be changed by campaigns or
                  individual overrides.
                </div>
              ) : null}
              <ClockworkSection admin={admin} />
              {settings.loadError ? (
                <p className="cg-error-text" role="alert">
                  {settings.loadError.message}
                </p>
              ) : null}
              {response ? (
                <div className="cg-sections">
                  {settings.metadataError && settings.metadataError.kind !== "not_connected" ? (
                    <p className="cg-note">Clockwork's field list is unavailable: {settings.metadataError.message}</p>
                  ) : null}
                  <ContactSection key={key("contact")} settings={response.settings} admin={admin} />
                  <AddingSection key={key("adding")} settings={response.settings} admin={admin} tagOptions={(settings.metadata?.tags ?? []).map((t) => t.name)} />
                  <PersonFieldsSection key={key("personFields")} settings={response.settings} admin={admin} metadata={settings.metadata} />
                  <NotesSection key={key("notes")} settings={response.settings} admin={admin} metadata={settings.metadata} />
                  <StagesSection key={key("stages")} settings={response.settings} admin={admin} metadata={settings.metadata} />
                  <FieldMappingSection key={key("fieldMapping")} settings={response.settings} admin={admin} metadata={settings.metadata} />
                  <AdvancedSection key={key("advanced")} settings={response.settings} admin={admin} />
                </div>
              ) : null}
              <CampaignsSection metadata={settings.metadata} settings={response?.settings ?? null} admin={admin} />
              {admin ? <HistorySection /> : null}
            </>
          ) : null}
        </main>
      </div>
    </div>
  )
}
