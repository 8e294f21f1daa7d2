// Asks the citizens' bot a question, as the portal and WeChat would, and shows what it decided.
import { useState } from 'react';
import { Alert, Card, Input } from 'antd';
import { useI18n } from '../../i18n';
import { knowledgeApi, type BotAnswer } from './api';
import { useKnowledgeError } from './shared';
import { KTID } from './testIds';

export function BotTryout({ onOpen }: { onOpen: (articleId: string) => void }) {
  const { t } = useI18n();
  const notifyError = useKnowledgeError();
  const [answer, setAnswer] = useState<BotAnswer | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async (question: string) => {
    if (!question.trim()) return;
    setBusy(true);
    try {
      setAnswer(await knowledgeApi.ask(question.trim()));
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('knowledge.bot.title')}>
      <Input.Search data-testid={KTID.botQuestion} placeholder={t('knowledge.bot.placeholder')} enterButton loading={busy} onSearch={ask} allowClear />
      <div data-testid={KTID.botAnswer} style={{ marginTop: 12 }}>
        {answer?.kind === 'answer' && (
          <Alert
            type="success"
            title={t('knowledge.bot.answer', { score: answer.score.toFixed(2) })}
            description={
              <>
                <div style={{ whiteSpace: 'pre-wrap' }}>{answer.text}</div>
                <a onClick={() => onOpen(answer.articleId)}>{answer.title}</a>
              </>
            }
          />
        )}
        {answer?.kind === 'clarify' && (
          <Alert
            type="info"
            title={t('knowledge.bot.clarify')}
            description={
              <>
                <div style={{ whiteSpace: 'pre-wrap' }}>{answer.text}</div>
                <ol style={{ margin: '8px 0 0', paddingLeft: 20 }}>
                  {answer.options.map((o) => (
                    <li key={o.articleId}>
                      <a onClick={() => onOpen(o.articleId)}>{o.title}</a>
                    </li>
                  ))}
                </ol>
              </>
            }
          />
        )}
        {answer?.kind === 'handover' && <Alert type="warning" title={t('knowledge.bot.handover')} />}
      </div>
    </Card>
  );
}
