// Stable data-testid values of the knowledge pages, for end-to-end tests.
export const KTID = {
  searchInput: 'knowledge-search-q',
  result: (id: string) => `knowledge-result-${id}`,
  articleDrawer: 'knowledge-article',
  botQuestion: 'knowledge-bot-question',
  botAnswer: 'knowledge-bot-answer',
  editorNew: 'knowledge-new',
  editorTab: (key: string) => `knowledge-tab-${key}`,
  formTitle: 'knowledge-form-title',
  formBody: 'knowledge-form-body',
  formSave: 'knowledge-form-save',
  rowAction: (action: string, id: string) => `knowledge-${action}-${id}`,
  reviewComment: 'knowledge-review-comment',
};
