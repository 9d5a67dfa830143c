import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { FlowLintProblem } from '@formloom/engine/flows/definitions';
import { Badge, Typography } from 'antd';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  problems: FlowLintProblem[];
  /** Problems the server found on the last refused publish (with the organisation), until the next edit. */
  serverProblems: FlowLintProblem[];
  nodeName: (nodeId: string) => string;
  onFocus: (problem: FlowLintProblem) => void;
}

function ProblemRow({
  problem,
  nodeName,
  onFocus,
}: {
  problem: FlowLintProblem;
  nodeName: Props['nodeName'];
  onFocus: Props['onFocus'];
}) {
  const { t } = useTranslation();
  const where = problem.nodeId ? nodeName(problem.nodeId) : problem.edgeId ? '↳' : t('flows.problems.flow');
  return (
    <li>
      <button
        type="button"
        className="flow-problem"
        data-testid="flow-problem"
        data-code={problem.code}
        onClick={() => onFocus(problem)}
      >
        {problem.severity === 'error' ? (
          <CloseCircleFilled style={{ color: '#ff4d4f' }} />
        ) : (
          <WarningFilled style={{ color: '#faad14' }} />
        )}
        <span className="flow-problem-where">{where}</span>
        <span>{t(problem.i18nKey, { ...problem.params, defaultValue: problem.message })}</span>
      </button>
    </li>
  );
}

/** The linter's problems under the canvas, errors first; clicking one focuses its node or connection. */
export const ProblemsPanel = memo(function ProblemsPanel({ problems, serverProblems, nodeName, onFocus }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <section
      className={`flow-problems${open ? ' is-open' : ''}`}
      data-testid="flow-problems"
      aria-label={t('flows.problems.title')}
    >
      <button type="button" className="flow-problems-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        <strong>{t('flows.problems.title')}</strong>
        <Badge count={errors.length} showZero={false} color="#ff4d4f" />
        <Typography.Text type="danger">
          {errors.length > 0 && t('flows.problems.errors', { count: errors.length })}
        </Typography.Text>
        <Typography.Text type="warning">
          {warnings.length > 0 && t('flows.problems.warnings', { count: warnings.length })}
        </Typography.Text>
        {problems.length === 0 && <Typography.Text type="success">{t('flows.problems.none')}</Typography.Text>}
        <span style={{ flex: 1 }} />
        <span aria-hidden>{open ? '▾' : '▴'}</span>
      </button>
      {open && (problems.length > 0 || serverProblems.length > 0) && (
        <ul className="flow-problems-list">
          {[...errors, ...warnings].map((problem, i) => (
            <ProblemRow
              key={`${problem.code}-${problem.nodeId ?? problem.edgeId ?? ''}-${i}`}
              problem={problem}
              nodeName={nodeName}
              onFocus={onFocus}
            />
          ))}
          {serverProblems.length > 0 && <li className="flow-problems-sub">{t('flows.problems.server')}</li>}
          {serverProblems.map((problem, i) => (
            <ProblemRow key={`s-${i}`} problem={problem} nodeName={nodeName} onFocus={onFocus} />
          ))}
        </ul>
      )}
    </section>
  );
});
