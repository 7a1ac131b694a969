import type { FieldError, Problem } from '@app/contracts';

export type Language = 'en' | 'vi';

/** `vi` when the caller prefers Vietnamese (Accept-Language), else English. */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((l) => l.tag && !Number.isNaN(l.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const TITLES_VI: Record<string, string> = {
  validation_failed: 'Dữ liệu không hợp lệ',
  not_found: 'Không tìm thấy',
  unauthorized: 'Chưa xác thực',
  forbidden: 'Không có quyền',
  conflict: 'Xung đột',
  illegal_transition: 'Chuyển trạng thái không hợp lệ',
  rate_limited: 'Quá nhiều yêu cầu',
  payload_too_large: 'Dữ liệu gửi lên quá lớn',
  malformed_json: 'JSON không hợp lệ',
  bad_request: 'Yêu cầu không hợp lệ',
  idempotency_key_reused: 'Idempotency-Key đã dùng cho yêu cầu khác',
  idempotency_in_progress: 'Yêu cầu cùng Idempotency-Key đang được xử lý',
  upstream_unavailable: 'Dịch vụ tạm thời không khả dụng',
  upstream_timeout: 'Dịch vụ không phản hồi kịp',
  service_busy: 'Dịch vụ đang quá tải',
  database_unavailable: 'Cơ sở dữ liệu tạm thời không khả dụng',
  internal_error: 'Lỗi hệ thống',
  unsupported_media_type: 'Định dạng dữ liệu không được hỗ trợ',
  method_not_allowed: 'Phương thức không được hỗ trợ',
  not_acceptable: 'Không có định dạng phù hợp',
};

/** The problem as the caller should read it: Vietnamese texts chosen, internal fields removed. */
export function localizeProblem(problem: Problem, language: Language): Problem {
  const { detailVi, errors, ...rest } = problem;
  const out: Problem = { ...rest };
  if (language === 'vi') {
    out.title = TITLES_VI[problem.code] ?? problem.title;
    if (detailVi) out.detail = detailVi;
  }
  if (errors) {
    out.errors = errors.map(({ field, message, messageVi }): FieldError => ({
      field,
      message: language === 'vi' && messageVi ? messageVi : message,
    }));
  }
  return out;
}
