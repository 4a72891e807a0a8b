/**
 * Local Contexts Traditional Knowledge labels: the name each label goes by and a general meaning, shown
 * only when the community has not written its own wording (label text is the community's to set).
 */
export interface TkLabelInfo {
  name: string;
  meaning: string;
}

export const TK_LABELS: Readonly<Record<string, TkLabelInfo>> = {
  tk_attribution: { name: 'TK Attribution', meaning: 'Name the community this knowledge comes from whenever it is used.' },
  tk_non_commercial: { name: 'TK Non-Commercial', meaning: 'Not to be used for profit or in anything that is sold.' },
  tk_community_use_only: { name: 'TK Community Use Only', meaning: 'For use within the community; ask the keepers before it goes further.' },
  tk_seasonal: { name: 'TK Seasonal', meaning: 'Shared or used only at the right time of year.' },
  tk_culturally_sensitive: { name: 'TK Culturally Sensitive', meaning: 'Handle with care and respect; ask the keepers how it may be used.' },
  tk_secret_sacred: { name: 'TK Secret / Sacred', meaning: 'Not to be written down, recorded or shared outside the keepers’ own protocols.' },
  tk_women_restricted: { name: 'TK Women Restricted', meaning: 'Shared only with women, as the community decides.' },
  tk_men_restricted: { name: 'TK Men Restricted', meaning: 'Shared only with men, as the community decides.' },
  tk_clan: { name: 'TK Clan', meaning: 'Belongs to a clan; shared only as the clan decides.' },
  tk_family: { name: 'TK Family', meaning: 'Belongs to a family; shared only as the family decides.' },
  tk_multiple_communities: { name: 'TK Multiple Communities', meaning: 'Held by more than one community; each one’s say is needed.' },
  tk_open_to_collaboration: { name: 'TK Open to Collaboration', meaning: 'The community welcomes working together on this.' },
};

/** Own-property lookup, so a label named like an Object method ("constructor") is not mistaken for one. */
export function tkLabel(label: string): TkLabelInfo | undefined {
  return Object.hasOwn(TK_LABELS, label) ? TK_LABELS[label] : undefined;
}
